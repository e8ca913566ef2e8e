"""The exception a route raises to answer with a problem. It imports nothing, so any module may raise it."""


class ProblemError(Exception):
    """Raise in a route to answer with a problem (status, detail, field).

    :func:`twitchwise.web.problems.install_problem_handlers` turns it into problem details
    (``application/problem+json``) or, for a browser on a page, an HTML error page.
    """

    def __init__(self, status: int, detail: str, field: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.field = field
        self.headers = headers
