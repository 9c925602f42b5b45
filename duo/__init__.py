"""The DUO koppeling (issue 14): clients for DUO's machine-to-machine APIs, the
outbox handlers that send what the gemeente decides, the notification endpoint that
receives what DUO knows, and a local fake DUO for development and tests."""
