"""The web app over the store (`tacitus serve`): server-rendered pages and a JSON API.

from tacitus.web import create_app
app = create_app("sqlite:///tacitus.db")            # read-only
app = create_app(url, allow_ingest=True)             # with paste and upload
"""

from tacitus.web.app import create_app

__all__ = ["create_app"]
