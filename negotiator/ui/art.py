"""Procedural decoration (no image files to go missing): rendered once per size, blitted each frame."""

from __future__ import annotations

import math

import pygame


def table_emblem(size: int, accent: pygame.Color, line: pygame.Color, seats: int = 8) -> pygame.Surface:
    """A negotiating table seen from above: a ring, chairs around it, papers in the middle, faint meridians."""
    scale = 2  # draw large and smooth-scale down for soft edges
    big = size * scale
    surf = pygame.Surface((big, big), pygame.SRCALPHA)
    c = big // 2
    faint = pygame.Color(line.r, line.g, line.b, 90)
    for r in (0.48, 0.40):
        pygame.draw.circle(surf, faint, (c, c), int(big * r), width=scale)
    for k in range(12):
        a = k * math.pi / 6
        inner, outer = big * 0.40, big * 0.48
        pygame.draw.line(
            surf,
            faint,
            (c + inner * math.cos(a), c + inner * math.sin(a)),
            (c + outer * math.cos(a), c + outer * math.sin(a)),
            scale,
        )
    table_r = int(big * 0.25)
    pygame.draw.circle(surf, pygame.Color(line.r, line.g, line.b, 150), (c, c), table_r)
    pygame.draw.circle(surf, accent, (c, c), table_r, width=3 * scale)
    pygame.draw.circle(surf, pygame.Color(accent.r, accent.g, accent.b, 120), (c, c), int(table_r * 0.55), width=scale)
    seat_w, seat_h = int(big * 0.075), int(big * 0.05)
    for k in range(seats):
        a = -math.pi / 2 + k * 2 * math.pi / seats
        x, y = c + big * 0.32 * math.cos(a), c + big * 0.32 * math.sin(a)
        seat = pygame.Surface((seat_w, seat_h), pygame.SRCALPHA)
        colour = accent if k % 2 == 0 else pygame.Color(236, 232, 223)
        pygame.draw.rect(seat, colour, seat.get_rect(), border_radius=seat_h // 3)
        rotated = pygame.transform.rotate(seat, -math.degrees(a) - 90)
        surf.blit(rotated, rotated.get_rect(center=(int(x), int(y))))
    for k in range(3):  # papers on the table
        paper = pygame.Surface((int(big * 0.07), int(big * 0.09)), pygame.SRCALPHA)
        paper.fill(pygame.Color(236, 232, 223, 200))
        rotated = pygame.transform.rotate(paper, -20 + k * 25)
        surf.blit(rotated, rotated.get_rect(center=(c - int(big * 0.06) + k * int(big * 0.06), c)))
    return pygame.transform.smoothscale(surf, (size, size))
