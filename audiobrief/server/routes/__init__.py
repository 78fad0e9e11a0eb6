"""Thin handlers: parse a request, call one service, render. Only the app factory imports them;
pages and the API never import each other."""
