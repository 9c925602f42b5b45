app_name = "ontzorgen"

urlpatterns: list = []
