"""Typed request/response models of DUO's APIs, written from the OpenAPI files in
../shared/duo-m2m/API (one module per API)."""
