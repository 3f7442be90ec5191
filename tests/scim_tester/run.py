"""Runs scim2-tester (PyPI, pinned in requirements.txt) against a running Retning.

Usage: run.py BASE_URL TOKEN, e.g. run.py http://127.0.0.1:4000/scim/v2/t/sonderborg rtn_scim_...
Prints every check with its status; exits 1 when any check failed (ERROR or CRITICAL).
tests/scim_tester.rs starts the server, creates the token and runs this.
"""

import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILED = {Status.ERROR, Status.CRITICAL}


def main() -> int:
    base_url, token = sys.argv[1], sys.argv[2]
    http = Client(
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    client = SyncSCIMClient(http)
    results = check_server(client)
    failed = 0
    for result in results:
        if result.status in FAILED:
            failed += 1
        resource = result.resource_type or "-"
        print(f"{result.status.name:<10} {resource:<6} {result.title}: {result.reason}")
    print(f"{len(results)} checks, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
