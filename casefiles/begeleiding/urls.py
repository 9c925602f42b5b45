app_name = "begeleiding"

urlpatterns: list = []
