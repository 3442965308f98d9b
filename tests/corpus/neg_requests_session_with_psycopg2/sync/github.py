import os

import psycopg2

from sync.http import make_session

DSN = os.environ.get("DSN", "postgresql://bot@localhost/bot")


def sync_issues(repo: str) -> int:
    session = make_session(os.environ["GITHUB_TOKEN"])
    issues = session.get(f"https://api.github.com/repos/{repo}/issues", params={"state": "all"}).json()
    conn = psycopg2.connect(DSN)
    with conn, conn.cursor() as cur:
        for issue in issues:
            cur.execute(
                "INSERT INTO issues (repo, number, title) VALUES (%s, %s, %s) ON CONFLICT (repo, number) DO UPDATE SET title = EXCLUDED.title",
                (repo, issue["number"], issue["title"]),
            )
    conn.close()
    session.close()
    return len(issues)


if __name__ == "__main__":
    sync_issues("psf/requests")
