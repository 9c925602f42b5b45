"""Documents and letters on S3-compatible object storage (issue 16). MinIO is not on
this machine; moto's S3 server (an outside component, faked by a real HTTP server
speaking the S3 API) stands in for it. The storage is built from the same function
base.py uses, with the environment a deployment would set."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casefiles.models import AccessLog, Document
from inburgering.storage import private_storage_config

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

BUCKET = "inburgering-private"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_env(s3_endpoint):
    env = {
        "PRIVATE_MEDIA_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION_NAME": "eu-west-1",
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
    }
    client = _client(env)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    yield env
    for obj in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=obj["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _client(env):
    return boto3.client(
        "s3",
        endpoint_url=env["S3_ENDPOINT_URL"],
        region_name=env["S3_REGION_NAME"],
        aws_access_key_id=env["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=env["S3_SECRET_ACCESS_KEY"],
    )


@pytest.fixture
def s3_storage(s3_env, monkeypatch):
    """The documents' and letters' FileFields on the bucket, as base.py would wire
    them in a process started with this environment."""
    from django.utils.module_loading import import_string

    from pip_plans.models import PipBrief

    config = private_storage_config(s3_env, "/niet/gebruikt")
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])
    for model in (Document, PipBrief):
        monkeypatch.setattr(model._meta.get_field("bestand"), "storage", storage)
    return storage


def test_without_bucket_local_disk_stays_the_default():
    config = private_storage_config({}, "/data/private_media")
    assert config["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["OPTIONS"] == {"location": "/data/private_media", "base_url": None}


def test_bucket_config_is_private():
    config = private_storage_config(
        {"PRIVATE_MEDIA_BUCKET": "b", "S3_ENDPOINT_URL": "http://minio:9000"}, "/x"
    )
    assert config["BACKEND"] == "storages.backends.s3.S3Storage"
    opts = config["OPTIONS"]
    assert opts["default_acl"] is None  # never public-read
    assert opts["file_overwrite"] is False
    assert opts["querystring_auth"] is True and opts["querystring_expire"] <= 60


def test_upload_and_download_through_the_views(s3_env, s3_storage, world, client):
    client.force_login(world.werkcoach)
    url = reverse("casefiles:documenten", kwargs={"dossier_pk": world.dossier.pk})
    inhoud = b"%PDF-1.4 een verblijfsdocument"
    response = client.post(
        url,
        {
            "titel": "Verblijfsdocument",
            "soort": "identiteit",
            "bestand": SimpleUploadedFile("Verblijf Amira.pdf", inhoud),
        },
    )
    assert response.status_code == 302
    doc = Document.objects.get(dossier=world.dossier, titel="Verblijfsdocument")
    # The object is in the bucket, under the storage's prefix, with no name in its key.
    keys = [o["Key"] for o in _client(s3_env).list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"private/{doc.bestand.name}"]
    assert "Amira" not in keys[0]
    # The bucket does not hand the object to someone without credentials.
    import requests

    anoniem = requests.get(f"{s3_env['S3_ENDPOINT_URL']}/{BUCKET}/{keys[0]}", timeout=10)
    assert anoniem.status_code == 403
    # The download is streamed through the application, with the access-log row.
    download = reverse(
        "casefiles:document_download",
        kwargs={"dossier_pk": world.dossier.pk, "document_pk": doc.pk},
    )
    exports = AccessLog.objects.filter(dossier_id=world.dossier.pk, action="export")
    voor = exports.count()
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == inhoud
    assert response["Cache-Control"] == "private, no-store"
    assert exports.count() == voor + 1


def test_other_gemeente_cannot_download_from_the_bucket(s3_storage, world, client):
    from casefiles.services import document_add

    doc = document_add(
        actor=world.werkcoach,
        dossier=world.dossier,
        titel="Diploma",
        soort="diploma",
        upload=SimpleUploadedFile("d.pdf", b"%PDF-1.4 diploma"),
    )
    assert s3_storage.exists(doc.bestand.name)
    client.force_login(world.werkcoach_elders)
    response = client.get(
        reverse(
            "casefiles:document_download",
            kwargs={"dossier_pk": world.dossier.pk, "document_pk": doc.pk},
        )
    )
    assert response.status_code == 404


def test_same_name_twice_keeps_both_files(s3_storage):
    from django.core.files.base import ContentFile

    a = s3_storage.save("brieven/brief.pdf", ContentFile(b"%PDF eerste"))
    b = s3_storage.save("brieven/brief.pdf", ContentFile(b"%PDF tweede"))
    assert a != b
    with s3_storage.open(a) as fh:
        assert fh.read() == b"%PDF eerste"


def test_pip_letter_is_written_to_the_bucket_and_downloaded_through_the_view(
    s3_env, s3_storage, world, client
):
    """A real WeasyPrint beschikking stored in the bucket; the letter view streams it
    with its access-log row; another gemeente's werkcoach gets 404."""
    from pip_plans import services
    from tests.pip_plans.factories import vastgestelde_pip

    brief = services.brief_genereren(versie=vastgestelde_pip(world.dossier, world.werkcoach))
    keys = [o["Key"] for o in _client(s3_env).list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [f"private/{brief.bestand.name}"]
    url = f"/pip/dossier/{world.dossier.pk}/brief/{brief.pk}/"
    client.force_login(world.werkcoach)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLog.objects.filter(
        dossier_id=world.dossier.pk, action="export", onderdeel="pip.brief"
    ).exists()
    client.force_login(world.werkcoach_elders)
    assert client.get(url).status_code == 404
