"""Where documents and letters live (``STORAGES["private"]``).

Embedded default: a directory on local disk (``PRIVATE_MEDIA_ROOT``). With
``PRIVATE_MEDIA_BUCKET`` set: a bucket on S3-compatible object storage (MinIO, Ceph,
a cloud provider) through django-storages, so that every web and worker machine
sees the same files (issue 16, docs/deploy.md).

Files stay private either way. The bucket is never public (no ACL is set; give the
bucket no public policy), and downloads are streamed *through the application*
(``FileResponse(file.open())`` in the download views), behind the same permission
check and access-log row as on local disk. We do not hand out presigned URLs: such
a URL is a bearer token that works for anyone holding it until it expires, and its
downloads would bypass the access log. ``querystring_expire`` is short (60 s) for
anything that might still ask a file for its URL.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def private_storage_config(env: Mapping[str, str], local_root: str) -> dict[str, Any]:
    """The ``STORAGES["private"]`` entry for this environment (a mapping of strings)."""
    bucket = env.get("PRIVATE_MEDIA_BUCKET", "")
    if not bucket:
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": local_root, "base_url": None},
        }
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": env.get("PRIVATE_MEDIA_PREFIX", "private"),
        "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
        "region_name": env.get("S3_REGION_NAME") or None,
        "access_key": env.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
        # MinIO and most self-hosted stores want path-style addresses.
        "addressing_style": env.get("S3_ADDRESSING_STYLE", "path"),
        "signature_version": "s3v4",
        "default_acl": None,  # the bucket's own (private) policy
        "file_overwrite": False,  # a name in use gets a suffix; nothing is replaced
        "querystring_auth": True,
        "querystring_expire": 60,
        "object_parameters": {},
    }
    if env.get("S3_SERVER_SIDE_ENCRYPTION"):
        options["object_parameters"]["ServerSideEncryption"] = env["S3_SERVER_SIDE_ENCRYPTION"]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
