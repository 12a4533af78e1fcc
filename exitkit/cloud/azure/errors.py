"""What an Azure SDK error means for the export: a short class and a one-line reason."""

from __future__ import annotations

from azure.core.exceptions import (
    ClientAuthenticationError,
    HttpResponseError,
    ServiceRequestError,
    ServiceResponseError,
)

from exitkit.cloud.collect import first_line

STATUS_CLASS = {401: "auth", 403: "access-denied", 404: "not-found", 429: "throttled"}


def explain(error: BaseException) -> tuple[str, str]:
    if type(error).__name__ == "CredentialUnavailableError":
        return "no-credentials", first_line(str(error))
    if isinstance(error, ClientAuthenticationError):
        return "auth", first_line(str(error.message or error))
    if isinstance(error, HttpResponseError):
        status = error.status_code or 0
        error_class = STATUS_CLASS.get(status) or (
            "service-error" if status >= 500 else "api-error"
        )
        detail = getattr(error, "error", None)
        if detail is not None and getattr(detail, "code", None):
            return error_class, first_line(f"{detail.code}: {detail.message}")
        return error_class, first_line(str(error.message or error))
    if isinstance(error, ServiceRequestError | ServiceResponseError):
        return "unreachable", first_line(str(error))
    return "internal", first_line(f"{type(error).__name__}: {error}")
