from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from core import roles
from core.forms._base import aplicar_error
from core.forms.usuarios import UsuarioForm
from core.models import Usuario
from core.permissions import obtener_usuario
from core.services import usuarios as servicio

gestiona = permission_required(roles.GESTIONAR_USUARIOS, raise_exception=True)


@login_required
@gestiona
def usuarios(request):
    lista = (
        Usuario.objects.filter(is_superuser=False)
        .select_related("unidad", "cargo")
        .prefetch_related("groups")
        .order_by("-is_active", "last_name", "first_name")
    )
    return render(request, "core/usuarios.html", {"usuarios": lista})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def usuario_crear(request):
    form = UsuarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            usuario = servicio.crear_usuario(
                username=d["username"],
                nombres=d["first_name"],
                apellidos=d["last_name"],
                correo=d["email"],
                unidad=d["unidad"],
                cargo=d["cargo"],
                roles=d["roles"],
                clave=d["clave1"],
                por=request.user,
            )
        except ValidationError as e:
            if hasattr(e, "error_dict") and "clave" in e.error_dict:
                e.error_dict["clave1"] = e.error_dict.pop("clave")
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se creó el usuario {usuario.username}.")
            return redirect("core:usuarios")
    return render(request, "core/usuario_form.html", {"form": form, "titulo": "Nuevo usuario"})


@login_required
@gestiona
@require_http_methods(["GET", "POST"])
def usuario_editar(request, pk: int):
    usuario = obtener_usuario(request.user, pk)
    form = UsuarioForm(request.POST or None, usuario=usuario)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            servicio.actualizar_usuario(
                usuario=usuario,
                nombres=d["first_name"],
                apellidos=d["last_name"],
                correo=d["email"],
                unidad=d["unidad"],
                cargo=d["cargo"],
                roles=d["roles"],
                por=request.user,
            )
        except ValidationError as e:
            aplicar_error(form, e)
        else:
            messages.success(request, f"Se guardaron los cambios de {usuario.username}.")
            return redirect("core:usuarios")
    contexto = {"form": form, "usuario_editado": usuario, "titulo": f"Editar usuario {usuario.username}"}
    return render(request, "core/usuario_form.html", contexto)


@login_required
@gestiona
@require_POST
def usuario_desactivar(request, pk: int):
    usuario = obtener_usuario(request.user, pk)
    try:
        servicio.desactivar_usuario(usuario=usuario, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se desactivó el usuario {usuario.username}.")
    return redirect("core:usuarios")


@login_required
@gestiona
@require_POST
def usuario_reactivar(request, pk: int):
    usuario = obtener_usuario(request.user, pk)
    try:
        servicio.reactivar_usuario(usuario=usuario, por=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, f"Se reactivó el usuario {usuario.username}.")
    return redirect("core:usuarios")
