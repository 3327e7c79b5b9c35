"""Paginación de la API: `?pagina=N&por_pagina=M` (PageNumberPagination de DRF).

Una página que no es un entero de 1 en adelante, o que pasa de la última, es un error del pedido (400, con
el mensaje en `campos.pagina`), no un recurso que falta: DRF contestaba 404. El esquema OpenAPI lo dice
(`minimum` en los parámetros y la respuesta 400 en toda lista paginada: `core.api.ganchos`)."""

from django.core.paginator import InvalidPage
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class Paginacion(PageNumberPagination):
    page_size_query_param = "por_pagina"
    max_page_size = 500
    page_query_param = "pagina"

    def paginate_queryset(self, queryset, request, view=None):
        tamano = self.get_page_size(request)
        if not tamano:
            return None
        crudo = request.query_params.get(self.page_query_param, "1")
        if not (crudo.isascii() and crudo.isdigit() and 1 <= int(crudo) <= 10**9):
            raise ValidationError({"pagina": ["Escriba un número de página entero, de 1 en adelante."]})
        paginador = self.django_paginator_class(queryset, tamano)
        try:
            self.page = paginador.page(int(crudo))
        except InvalidPage:
            paginas = paginador.num_pages
            raise ValidationError(
                {
                    "pagina": [
                        f"La página {crudo} no existe: hay {paginas} página{'s' if paginas != 1 else ''}."
                    ]
                }
            ) from None
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parametros = super().get_schema_operation_parameters(view)
        for parametro in parametros:
            if parametro["name"] == self.page_query_param:
                parametro["schema"]["minimum"] = 1
            elif parametro["name"] == self.page_size_query_param:
                parametro["schema"].update(minimum=1, maximum=self.max_page_size)
        return parametros
