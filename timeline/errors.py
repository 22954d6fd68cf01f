"""One error hierarchy for timeline. The CLI turns each into a one-line message."""


class TimelineError(Exception):
    """Base class: raised for any problem timeline reports to the user.

    The message is one line that names the file (where there is one) and the problem.
    """


class DocumentError(TimelineError):
    """Raised when a document cannot be read: missing, unreadable, empty, binary, not UTF-8."""


class NoDocumentsError(TimelineError):
    """Raised when a path or folder holds no readable documents."""


class DateError(TimelineError):
    """Raised when a date given by the user (e.g. ``--published``) is not a valid calendar date."""


class GraphError(TimelineError):
    """Raised when a graph file cannot be read or parsed."""


class QueryError(TimelineError):
    """Raised when a SPARQL query is malformed (with line and column) or fails."""


class ValidationError(TimelineError):
    """Raised when a graph violates the SHACL shapes."""


class StoreError(TimelineError):
    """Raised when a persistent store or a SPARQL endpoint cannot be used."""
