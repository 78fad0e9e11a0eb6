"""HTTP rules and middleware: headers, methods, conditional requests, timeouts, body limits, errors,
the page renderer and the CSRF check. Below routes, above services."""
