from django.http import FileResponse, Http404


def respuesta_pdf(certificado, *, adjunto: bool = True) -> FileResponse:
    try:
        contenido = certificado.pdf.archivo.open("rb")
    except (FileNotFoundError, AttributeError) as e:
        raise Http404 from e
    respuesta = FileResponse(
        contenido,
        as_attachment=adjunto,
        filename=f"certificado-{certificado.codigo}.pdf",
        content_type="application/pdf",
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta
