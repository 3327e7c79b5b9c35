// La búsqueda de la cabecera: al abrir su desplegable, el cursor va a la caja (se escribe enseguida).
document.addEventListener("shown.bs.dropdown", function (evento) {
  if (evento.target.matches("[data-buscar-icono]")) {
    var caja = document.getElementById("buscar-cabecera");
    if (caja) caja.focus();
  }
});
