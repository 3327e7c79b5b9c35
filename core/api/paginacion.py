from rest_framework.pagination import PageNumberPagination


class Paginacion(PageNumberPagination):
    page_size_query_param = "por_pagina"
    max_page_size = 500
    page_query_param = "pagina"
