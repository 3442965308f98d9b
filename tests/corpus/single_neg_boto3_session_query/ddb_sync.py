import boto3
import psycopg2


def mirror_sessions_table() -> int:
    session = boto3.session.Session(region_name="eu-west-1")
    table = session.resource("dynamodb").Table("user_sessions")
    items = table.query(KeyConditionExpression=boto3.dynamodb.conditions.Key("tenant").eq("acme"))["Items"]
    conn = psycopg2.connect("dbname=mirror")
    with conn, conn.cursor() as cur:
        for item in items:
            cur.execute("INSERT INTO user_sessions (id, user_id) VALUES (%s, %s) ON CONFLICT DO NOTHING", (item["id"], item["user_id"]))
    conn.close()
    return len(items)
