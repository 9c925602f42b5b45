app_name = "leerroutes"

urlpatterns: list = []
