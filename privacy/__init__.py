"""The AVG in the product (issue 17): inzage and correction requests, retention and
anonymisation, and the verwerkingsregister."""
