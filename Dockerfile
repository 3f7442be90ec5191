# Build: the query cache (.sqlx/) lets the build run without a database.
FROM rust:1.92-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin retning

# Run: a small Debian with the binary; no PostgreSQL inside (docker-compose runs it next door).
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /nonexistent --shell /usr/sbin/nologin retning
COPY --from=build /src/target/release/retning /usr/local/bin/retning
USER retning
ENV RETNING_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["retning"]
CMD ["serve"]
