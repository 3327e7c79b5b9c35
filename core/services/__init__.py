"""Servicios del núcleo: cada cambio que importa pasa por aquí y deja su evento de auditoría."""
