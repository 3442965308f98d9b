import boto3


def s3_client(profile: str):
    session = boto3.session.Session(profile_name=profile)
    return session.client("s3")
