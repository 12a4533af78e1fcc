"""What a boto3 error means for the export: a short class and a one-line reason, no secrets."""

from __future__ import annotations

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectionError,
    EndpointConnectionError,
    HTTPClientError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
)
from botocore.parsers import ResponseParserError

from exitkit.cloud.collect import first_line

# error codes -> class; anything else from the API is "api-error"
_CODES = {
    "access-denied": (
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthFailure",
        "AuthorizationError",
        "Forbidden",
    ),
    "auth": (
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "ExpiredToken",
        "ExpiredTokenException",
        "InvalidAccessKeyId",
        "SignatureDoesNotMatch",
        "OptInRequired",
    ),
    "throttled": (
        "Throttling",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "SlowDown",
    ),
    "not-enabled": ("AWSOrganizationsNotInUseException", "SubscriptionRequiredException"),
}
CLASS_OF_CODE = {code: name for name, codes in _CODES.items() for code in codes}


def explain(error: BaseException) -> tuple[str, str]:
    """(error class, reason) for a failed AWS call."""
    if isinstance(error, ClientError):
        code = str(error.response.get("Error", {}).get("Code", ""))
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        error_class = CLASS_OF_CODE.get(code) or ("service-error" if status >= 500 else "api-error")
        return error_class, first_line(str(error))
    if isinstance(error, NoCredentialsError):
        return "no-credentials", "no AWS credentials: boto3's standard chain found none"
    if isinstance(error, EndpointConnectionError | ConnectionError | HTTPClientError):
        return "unreachable", first_line(str(error))
    if isinstance(error, ResponseParserError):
        return "service-error", "the service answered with something that is not its API's format"
    if isinstance(error, NoRegionError | ParamValidationError):
        return "bad-input", first_line(str(error))
    if isinstance(error, BotoCoreError):
        return "api-error", first_line(str(error))
    return "internal", first_line(f"{type(error).__name__}: {error}")
