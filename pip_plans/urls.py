app_name = "pip_plans"

urlpatterns: list = []
