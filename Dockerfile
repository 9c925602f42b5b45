# Production-like image: gunicorn for the web, the same image for Celery worker and beat.
# The public image by default; a machine without Docker Hub builds with a local
# stand-in (docs/deploy.md, "Verified on a machine without Docker Hub": --build-arg BASE_IMAGE=local/python:3.11-bookworm).
ARG BASE_IMAGE=python:3.11-slim-bookworm
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=inburgering.settings.production \
    STATIC_ROOT=/app/staticfiles \
    PRIVATE_MEDIA_ROOT=/data/private_media

# WeasyPrint needs Pango; libharfbuzz-subset0 makes font subsetting ~6x faster.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-noto-core poppler-utils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput

RUN useradd --create-home --uid 1000 inburgering && mkdir -p /data/private_media \
 && chown -R inburgering /data /app
USER inburgering
EXPOSE 8000
CMD ["gunicorn", "inburgering.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--access-logfile", "-", "--access-logformat", "%(t)s %(s)s %(m)s %(B)s %(L)s"]
