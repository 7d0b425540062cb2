"""`tettpa serve`: the phone-first page where staff hand in their stories.

One aiohttp server process; pages are rendered on the server (Jinja2, escaped
by default) and work without JavaScript. No process per visitor: each request
calls the workspace directly, blocking store calls in a thread. See app.py for
the routes, guard.py for sessions, limits and the checks every request passes.
"""
