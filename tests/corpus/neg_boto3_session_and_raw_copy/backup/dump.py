import io

import boto3
import psycopg2

DSN = "postgresql://backup@localhost/app"


def dump_table(table: str, bucket: str) -> None:
    session = boto3.Session()
    s3 = session.client("s3")
    conn = psycopg2.connect(DSN)
    buf = io.StringIO()
    with conn.cursor() as cur:
        cur.copy_expert(f"COPY {table} TO STDOUT WITH CSV", buf)
    conn.close()
    s3.put_object(Bucket=bucket, Key=f"dumps/{table}.csv", Body=buf.getvalue().encode())
    session.get_credentials()
