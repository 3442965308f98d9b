broker_url = "redis://localhost:6379/2"
task_serializer = "json"
