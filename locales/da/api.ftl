# The JSON API's error messages (the field "message"; the field "code" stays the same in every language).

api-error-unauthorized = Send en gyldig API-nøgle som 'Authorization: Bearer <nøgle>'.
api-error-not-found = Findes ikke.
api-error-unavailable = Retning er midlertidigt utilgængelig. Prøv igen om lidt.
api-error-internal = Der skete en uventet fejl. Fejlen er logget.
api-error-method-not-allowed = API'et kan kun læses (GET).
api-error-timeout = Svaret tog for lang tid. Prøv igen.
api-error-bad-request = Forespørgslen kunne ikke forstås.
api-error-query = Forespørgslens parametre kunne ikke læses.
api-error-round = round skal være id'et på en runde fra /rounds.
api-error-limit = limit skal være et helt tal fra 1 til { $max }.
api-error-cursor = cursor er ugyldig; brug værdien fra et svars next-link.
