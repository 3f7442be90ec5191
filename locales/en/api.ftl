# The JSON API's error messages (the field "message"; the field "code" stays the same in every language).

api-error-unauthorized = Send a valid API key as 'Authorization: Bearer <key>'.
api-error-not-found = Not found.
api-error-unavailable = Retning is temporarily unavailable. Try again in a moment.
api-error-internal = An unexpected error occurred. The error has been logged.
api-error-method-not-allowed = The API is read-only (GET).
api-error-timeout = The answer took too long. Try again.
api-error-bad-request = The request could not be understood.
api-error-query = The request's parameters could not be read.
api-error-round = round must be the id of a round from /rounds.
api-error-limit = limit must be a whole number from 1 to { $max }.
api-error-cursor = cursor is invalid; use the value from a response's next link.
