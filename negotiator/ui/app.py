"""The window, the frame loop and the scene stack.

One `App` owns the display surface, the pygame_gui manager and a stack of `Scene`s. The loop is the
usual `dt = clock.tick(fps) / 1000; manager.process_events(e); update; draw`. Everything a scene does
runs inside a guard: an exception is logged to the user data folder and shown in a dialog that offers
to save and return to the title, once: a scene that fails to draw is not drawn again (nor its error
logged again) while the dialog is up. Calls into pygame_gui are guarded too (a widget that cannot render
its text would otherwise end the loop): the screen is closed and the title shown with a notice. Typed and
pasted text is filtered before any widget sees it: printable characters only, never more than the
field's length limit (`MAX_TYPED` for a field without one). The player never sees a traceback, and the
window never just vanishes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import traceback
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIPanel, UITextEntryBox, UITextEntryLine

from negotiator import i18n, paths
from negotiator.files import FileWriteError, atomic_write
from negotiator.scenario.textrules import clean_typed
from negotiator.ui.compat import NO_DISPLAY_MESSAGE, StartupError
from negotiator.ui.gui_speed import cheap_theme_ids
from negotiator.ui.scene import Scene
from negotiator.ui.settings import MIN_WINDOW, Settings, save_settings
from negotiator.ui.sound import Sounds
from negotiator.ui.theme import BuiltTheme, Palette, actor_colours, build_theme, preload_list

log = logging.getLogger("negotiator.ui")

FPS = 60
# Idle (nothing moving, no input for SETTLE seconds) the loop wakes less often and draws nothing: a window
# left open on a turn costs almost no CPU. SETTLE covers what pygame_gui animates after input: hover fades,
# tooltips (shown after a delay), smooth scrolling.
IDLE_FPS = 30
SETTLE = 1.5
CAPTION = "Negotiator"
MAX_TYPED = 500  # characters a text field takes when it sets no limit of its own
MAX_MANAGER_FAILURES = 3  # consecutive failures inside pygame_gui before the window gives up


@dataclass(frozen=True)
class LaunchOptions:
    """What the command line asked for; scenes read it when they start a game."""

    scenario: Path | None = None
    roles: tuple[str, ...] = ()
    seed: int | None = None


class FatalUIError(Exception):
    """Even the title screen failed; the command prints one line and the log path."""


@dataclass
class _Background:
    """The screen's backdrop, rendered once per window size (never per frame)."""

    size: tuple[int, int] = (0, 0)
    surface: pygame.Surface | None = None
    palette_key: tuple[int, ...] = field(default_factory=tuple)


def log_path() -> Path:
    folder = paths.user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "negotiator.log"


def save_screenshot(surface: pygame.Surface, path: str | Path) -> Path:
    """Save `surface` as a PNG through the atomic writer: a full disk or a missing folder is a one-line
    `FileWriteError` (an OSError), never an empty file."""
    import io

    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "screenshot.png")
    data = buffer.getvalue()
    if not data:
        raise FileWriteError(path, "cannot write: the picture came out empty")
    return atomic_write(path, data)


def configure_logging() -> Path:
    """Send our logs and library warnings to a file, never to the player's terminal. If the log file cannot
    be opened (an unusable data folder), logs are dropped rather than stopping the game."""
    try:
        path = log_path()
        probe = open(path, "a", encoding="utf-8")  # noqa: SIM115 - only to learn whether it opens
        probe.close()
    except (OSError, ValueError):
        logging.getLogger("negotiator").addHandler(logging.NullHandler())
        logging.getLogger("negotiator").propagate = False
        return Path(os.devnull)
    loggers = [logging.getLogger("negotiator"), logging.getLogger("py.warnings")]
    for logger in loggers:
        for handler in list(logger.handlers):
            if getattr(handler, "_negotiator", False) and handler.baseFilename != str(path):  # type: ignore[attr-defined]
                logger.removeHandler(handler)
                handler.close()
    if not any(getattr(h, "_negotiator", False) for h in loggers[0].handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler._negotiator = True  # type: ignore[attr-defined]
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        for logger in loggers:
            logger.addHandler(handler)
            logger.propagate = False
        loggers[0].setLevel(logging.INFO)
        logging.captureWarnings(True)
    return path


class App:
    """The running game window. Scenes reach everything shared through it."""

    def __init__(
        self,
        settings: Settings,
        *,
        title_factory: Callable[[App], Scene],
        launch: LaunchOptions | None = None,
        settings_path: Path | None = None,
    ) -> None:
        self.settings = settings
        self.launch = launch or LaunchOptions()
        self.settings_path = settings_path
        self.title_factory = title_factory
        self.stack: list[Scene] = []
        self.running = True
        self.frames = 0
        self.drawn_frames = 0  # frames actually drawn (the rest were idle: see `step`)
        self._quiet = 0.0  # seconds of frames since the last input or change of screen
        self._redraw = True
        self._shown: tuple[tuple[int, bool], ...] = ()
        self._failing = False
        self._failed: list[Scene] = []  # scenes that raised; not drawn again while the error dialog is up
        self._manager_failures = 0
        self._resetting = False
        self._pending_size: tuple[int, int] | None = None
        self._background = _Background()
        self._actor_colours: tuple[object, dict[str, pygame.Color]] = ((), {})
        self.log_file = configure_logging()
        pygame.display.init()
        pygame.font.init()
        self.screen = self._open_window()
        self.clock = pygame.time.Clock()
        self.theme: BuiltTheme
        self.manager: pygame_gui.UIManager
        self._build_manager()
        self.sounds = Sounds.load(lambda: self.settings.sound)  # once; the setting is read at each play

    # --- window ------------------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        _prefer_shared_memory_present()
        try:
            if self.settings.fullscreen:
                screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                screen = pygame.display.set_mode(self.settings.clamped_window_size, pygame.RESIZABLE)
        except pygame.error as exc:
            raise StartupError(NO_DISPLAY_MESSAGE) from exc
        pygame.display.set_caption(CAPTION)
        with contextlib.suppress(AttributeError, pygame.error), warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # the only way to reach the display's window
            pygame.Window.from_display_module().minimum_size = MIN_WINDOW
        return screen

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def ui_scale(self) -> float:
        return self.settings.ui_scale

    @property
    def palette(self) -> Palette:
        return self.theme.palette

    def actor_colour(self, scenario: Any, actor_id: str) -> pygame.Color:
        """The colour a side is drawn in: the scenario's, or its colour-blind-safe stand-in (see `actor_colours`)."""
        key = (id(self.theme), tuple((a.id, a.colour) for a in scenario.actors))
        if self._actor_colours[0] != key:
            ids = [a.id for a in scenario.actors]
            mapped = actor_colours([a.colour for a in scenario.actors], self.palette)
            self._actor_colours = (key, dict(zip(ids, mapped, strict=True)))
        return self._actor_colours[1].get(actor_id, self.palette["neutral"])

    def _build_manager(self) -> None:
        self.theme = build_theme(colourblind=self.settings.colourblind, text_scale=self.settings.text_scale)
        self.manager = pygame_gui.UIManager(self.size, self.theme.data, enable_live_theme_updates=False)
        cheap_theme_ids(self.manager.get_theme())
        fonts = self.manager.get_theme().get_font_dictionary()
        wanted = []
        for spec in preload_list(self.theme):
            style = str(spec["style"])
            font_id = fonts.create_font_id(
                int(spec["point_size"]), str(spec["name"]), "bold" in style, "italic" in style
            )
            if not fonts.check_font_preloaded(font_id):
                wanted.append(spec)
        self.manager.preload_fonts(wanted)
        self._set_language()

    def _set_language(self, lang: str | None = None) -> None:
        """Speak `lang` (default: the settings' language) from now on: our texts (`negotiator.i18n`, read at each
        build) and pygame_gui's own few built-in strings (its `set_locale`; the pseudo-locale is English there)."""
        lang = lang or self.settings.language
        i18n.set_language(lang)
        locale = lang if lang in i18n.LANGUAGES else i18n.DEFAULT
        if self.manager.get_locale() != locale:
            self.manager.set_locale(locale)

    def speak(self, lang: str | None) -> None:
        """Speak one seat's own language while its player has the screen (a hotseat table can mix languages), or
        the settings' again with None; every scene is rebuilt in it when that changes the language."""
        wanted = lang if lang in i18n.LANGUAGES else self.settings.language
        if wanted != i18n.current():
            self._set_language(wanted)
            self.rebuild_all()

    def resize(self, size: tuple[int, int]) -> None:
        """Adopt a new window size and rebuild every scene's widgets for it."""
        size = (max(size[0], MIN_WINDOW[0]), max(size[1], MIN_WINDOW[1]))
        if self.screen.get_size() != size and not self.settings.fullscreen:
            self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager.set_window_resolution(self.size)
        self.rebuild_all()

    def refresh(self, scene: Scene) -> None:
        """Rebuild one scene's widgets, and the overlays above it so they stay on top."""
        self.invalidate()
        index = self.stack.index(scene) if scene in self.stack else len(self.stack)
        for above in [scene, *self.stack[index + 1 :]]:
            self._call(above, above.build_ui)
        self._apply_visibility()

    def rebuild_all(self) -> None:
        self.invalidate()
        for scene in list(self.stack):
            self._call(scene, scene.build_ui)
        self._apply_visibility()

    def apply_settings(self, new: Settings) -> None:
        """Save the settings and apply them: reopen the window or reload the theme only when needed."""
        old, self.settings = self.settings, new
        try:
            save_settings(new, self.settings_path)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)
            self.show_message(i18n.t("app.settings_not_saved"), i18n.t("app.settings_not_saved.text", error=exc))
        language_changed = old.language != new.language
        if language_changed:
            self._set_language()
        window_changed = (old.fullscreen, old.clamped_window_size) != (new.fullscreen, new.clamped_window_size)
        theme_changed = (old.colourblind, old.text_size, old.ui_scale) != (new.colourblind, new.text_size, new.ui_scale)
        if window_changed:
            self.screen = self._open_window()
        if theme_changed:
            for scene in self.stack:
                scene.clear_ui()
            self._build_manager()
        elif window_changed:
            self.manager.set_window_resolution(self.size)
        if window_changed or theme_changed or language_changed:
            self.rebuild_all()

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.model_copy(update={"fullscreen": not self.settings.fullscreen}))

    # --- scene stack -------------------------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def make_root(self, scene: Scene) -> UIPanel:
        """The panel a scene builds into: a transparent full-window panel, or a dimming one for overlays."""
        layer = self.manager.get_root_container().get_top_layer() + 1 if scene.overlay else 1
        return UIPanel(
            pygame.Rect(0, 0, *self.size),
            starting_height=layer,
            manager=self.manager,
            object_id=ObjectID(class_id="@dim" if scene.overlay else "@screen", object_id=f"#{scene.name}"),
        )

    def push(self, scene: Scene) -> None:
        if self.top is not None:
            self._call(self.top, self.top.pause)
        self.manager.set_focus_set(None)
        self.stack.append(scene)
        self._apply_visibility()
        self._call(scene, scene.enter)

    def pop(self, scene: Scene | None = None) -> None:
        """Remove the top scene (or `scene`, wherever it is) and resume the one below."""
        target = scene or self.top
        if target is None or target not in self.stack:
            return
        was_top = target is self.top
        self.stack.remove(target)
        self._call(target, target.exit)
        self._apply_visibility()
        if was_top and self.top is not None:
            self._call(self.top, self.top.resume)
        if not self.stack:
            self.reset_to_title()

    def replace(self, scene: Scene) -> None:
        """Swap the top scene for another (title -> setup), without resuming the one below."""
        if self.stack:
            old = self.stack.pop()
            self._call(old, old.exit)
        self.push(scene)

    def reset_to_title(self, notice: tuple[str, str] | None = None) -> None:
        self._failed.clear()
        if i18n.current() != self.settings.language:  # a seat's own language ends with its game
            self._set_language()
        while self.stack:
            old = self.stack.pop()
            try:
                old.exit()
            except Exception:  # an exit that fails must not stop us getting back to the title
                log.exception("error while leaving %s", old.name)
        self.manager.clear_and_reset()
        self._resetting = True
        try:
            self.push(self.title_factory(self))
        except FatalUIError:
            raise
        except Exception as exc:
            raise FatalUIError(str(exc)) from exc
        finally:
            self._resetting = False
        if notice:
            self.show_message(*notice)

    def _apply_visibility(self) -> None:
        """Everything from the topmost full scene upwards is visible; the rest is hidden."""
        visible_from = 0
        for i, scene in enumerate(self.stack):
            if not scene.overlay:
                visible_from = i
        for i, scene in enumerate(self.stack):
            scene.set_visible(i >= visible_from)

    def show_message(self, title: str, body: str) -> None:
        from negotiator.ui.scenes.message import MessageDialog

        self.push(MessageDialog(self, title, body))

    def open_help(self) -> None:
        from negotiator.ui.scenes.help import HelpOverlay

        if isinstance(self.top, HelpOverlay):
            self.pop()
        else:
            self.push(HelpOverlay(self))

    # --- errors and autosave -----------------------------------------------------------------------
    def _call(self, scene: Scene, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except FatalUIError:
            raise
        except Exception as exc:
            self.fail(scene, exc)
            return None

    def fail(self, scene: Scene, exc: BaseException) -> None:
        """A scene raised: log it, and show the error dialog (or fall back to the title)."""
        from negotiator.ui.scenes.error import ErrorDialog

        if any(s is scene for s in self._failed) and any(isinstance(s, ErrorDialog) for s in self.stack):
            return  # this scene already failed and its dialog is up: once is enough (not every frame)
        log.error("error in scene %s:\n%s", scene.name, "".join(traceback.format_exception(exc)))
        if self._resetting:
            raise FatalUIError(f"the title screen failed: {exc}") from exc
        if self._failing or isinstance(scene, ErrorDialog):
            self._failing = False
            self.reset_to_title()
            return
        self._failed.append(scene)
        if any(isinstance(s, ErrorDialog) for s in self.stack):
            return  # one error dialog at a time
        self._failing = True
        try:
            self.push(ErrorDialog(self, exc, can_save=self.can_autosave()))
        finally:
            self._failing = False

    def can_autosave(self) -> bool:
        return any(s.can_autosave for s in self.stack)

    def autosave_all(self) -> list[Path]:
        """Ask every scene, top first, to save its game; failures are logged, never raised."""
        saved = []
        for scene in reversed(self.stack):
            try:
                path = scene.autosave()
            except Exception:
                log.exception("autosave failed in %s", scene.name)
                continue
            if path is not None:
                saved.append(path)
        return saved

    def request_close(self) -> None:
        """The window's close button: autosave, then stop."""
        for path in self.autosave_all():
            log.info("autosaved to %s", path)
        self.running = False

    # --- input -------------------------------------------------------------------------------------
    def typing(self) -> bool:
        """Whether a text field has keyboard focus (so letter keys are text, not shortcuts)."""
        focus = self.manager.get_focus_set() or set()
        return any(isinstance(e, UITextEntryLine | UITextEntryBox) and e.is_focused for e in focus)

    def focused_entry(self) -> UITextEntryLine | None:
        focus = self.manager.get_focus_set() or set()
        return next((e for e in focus if isinstance(e, UITextEntryLine) and e.is_focused), None)

    def filter_text_input(self, event: pygame.event.Event) -> pygame.event.Event | None:
        """A TEXTINPUT event as the focused field may take it: control and invisible characters dropped,
        cut to the room left under the field's length limit; None when nothing is left to type."""
        text = clean_typed(str(getattr(event, "text", "")))
        entry = self.focused_entry()
        if entry is not None and text:
            current = entry.get_text()
            limit = entry.length_limit if entry.length_limit is not None else MAX_TYPED
            start, end = sorted(getattr(entry, "select_range", (0, 0)) or (0, 0))[:2]
            text = text[: max(0, limit - len(current) + (end - start))]
            if text and not _renders(entry, current + text):
                text = ""  # only zero-width characters: nothing a font can draw (pygame would raise)
        if not text:
            return None
        if text == event.text:
            return event
        return pygame.event.Event(pygame.TEXTINPUT, text=text, window=getattr(event, "window", None))

    def _is_paste(self, event: pygame.event.Event) -> bool:
        """Ctrl+V (Cmd+V) into a focused field: the app pastes, as typed text, so the paste is filtered like
        typing (pygame_gui would insert the clipboard as it is, NUL and all)."""
        if self.focused_entry() is None:
            return False
        if event.type == pygame.KEYDOWN and event.key == pygame.K_v:
            mod = getattr(event, "mod", 0)
            return bool(mod & (pygame.KMOD_CTRL | pygame.KMOD_META)) and not mod & pygame.KMOD_ALT
        if event.type == pygame.TEXTINPUT and getattr(event, "text", "") == "v":  # some systems send this
            return bool(pygame.key.get_mods() & (pygame.KMOD_CTRL | pygame.KMOD_META))
        return False

    def _tidy_focused_entry(self) -> None:
        """After a key press (a paste arrives as one): the focused field holds printable text within its
        limit, and nothing only zero-width."""
        entry = self.focused_entry()
        if entry is None:
            return
        text = entry.get_text()
        limit = entry.length_limit if entry.length_limit is not None else MAX_TYPED
        clean = clean_typed(text)[:limit]
        if clean and not _renders(entry, clean):
            clean = ""
        if clean != text:
            entry.set_text(clean)

    def _gui(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Call into pygame_gui; a failure there closes the screen (back to the title, with a notice)."""
        try:
            result = fn(*args)
        except FatalUIError:
            raise
        except Exception as exc:
            self._manager_failures += 1
            log.error("error in the interface toolkit:\n%s", "".join(traceback.format_exception(exc)))
            if self._manager_failures > MAX_MANAGER_FAILURES or self._resetting:
                raise FatalUIError(f"the interface kept failing: {exc}") from exc
            self.reset_to_title(
                ("Something went wrong", f"A screen could not be shown and was closed. Details are in {self.log_file}.")
            )
            return None
        return result

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.request_close()
            return
        if event.type == pygame.VIDEORESIZE:
            if not self.settings.fullscreen:
                self._pending_size = (event.w, event.h)
            return
        if self._is_paste(event):
            event = pygame.event.Event(pygame.TEXTINPUT, text=_clipboard(), window=None)
        if event.type == pygame.TEXTINPUT:
            filtered = self.filter_text_input(event)
            if filtered is None:
                return
            event = filtered
        self._gui(self.manager.process_events, event)
        if event.type == pygame.KEYDOWN:
            self._gui(self._tidy_focused_entry)
        top = self.top
        if top is None:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F1 and not self.typing():
            self.open_help()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F9 and self._facilitator_key(top):
            return
        self._call(top, top.handle_event, event)

    # Screens that answer F9 themselves: the table (with its own redraw), the panel and its PIN (F9 closes
    # them) and the pause screen (F9 opens the panel to resume).
    OWN_F9 = frozenset({"table", "facilitator", "facilitator_pin", "pause"})

    def _facilitator_key(self, top: Scene) -> bool:
        """F9 on any other screen of a game (the hand-over, the turn summary, a brief, a dialog): the teacher's
        panel opens over it, so it never needs a team's private table to step in. True when it opened."""
        if top.name in self.OWN_F9:
            return False
        session = next(
            (s.session for s in reversed(self.stack) if hasattr(getattr(s, "session", None), "facilitation")),
            None,
        )
        if session is None:
            return False
        from negotiator.ui.scenes.facilitator import open_facilitator  # the scenes import the app, not back

        self._call(top, open_facilitator, self, session)
        return True

    # --- frame loop --------------------------------------------------------------------------------
    def step(self, dt: float, events: list[pygame.event.Event] | None = None) -> None:
        """One frame: events, update, and a draw if anything may have changed. Tests call it directly with
        synthetic events."""
        batch = pygame.event.get() if events is None else events
        for event in batch:
            self.handle_event(event)
            if not self.running:
                return
        if batch:
            self._quiet = 0.0
        if self._pending_size is not None:
            size, self._pending_size = self._pending_size, None
            self.resize(size)
        if not self.stack:
            self.reset_to_title()
        top = self.top
        if top is not None:
            self._call(top, top.update, dt)
        self.frames += 1
        if not self._needs_drawing():
            self._quiet += dt
            return
        self._quiet += dt
        self._redraw = False
        failures = self._manager_failures
        self._gui(self.manager.update, dt)
        self.draw()
        pygame.display.flip()
        self.drawn_frames += 1
        if self._manager_failures == failures:
            self._manager_failures = 0  # a clean frame: the toolkit recovered

    def invalidate(self) -> None:
        """Draw the next frame: something on screen changed without input (see `Scene.animating`)."""
        self._redraw = True

    @property
    def idle(self) -> bool:
        """Whether the last frames needed no drawing (the loop then also wakes less often)."""
        return not self._redraw and self._quiet >= SETTLE

    def _needs_drawing(self) -> bool:
        shown = tuple((id(s), s.root is not None and s.root.visible) for s in self.stack)
        if shown != self._shown:  # a scene opened, closed, hid or showed
            self._shown = shown
            self._quiet = 0.0
        if self._redraw or self._quiet < SETTLE or self.typing():  # a focused entry's caret blinks
            return True
        return any(self._call(s, s.animating) for s in self.stack if s.root is not None and s.root.visible)

    def draw(self) -> None:
        self.screen.blit(self._backdrop(), (0, 0))
        visible = [s for s in self.stack if s.root is not None and s.root.visible]
        for scene in visible:
            if any(scene is failed for failed in self._failed):
                continue  # it raised while drawing (or updating): its error dialog is showing
            self._call(scene, scene.draw, self.screen)
        self._gui(self.manager.draw_ui, self.screen)

    def _backdrop(self) -> pygame.Surface:
        size = self.size
        key = (*self.palette["screen"], *self.palette["screen_glow"])
        bg = self._background
        if bg.surface is None or bg.size != size or bg.palette_key != key:
            bg.surface = _vignette(size, self.palette["screen"], self.palette["screen_glow"])
            bg.size, bg.palette_key = size, key
        return bg.surface

    def run(self, max_frames: int | None = None, screenshot: Path | None = None) -> int:
        if not self.stack:
            self.reset_to_title()
        while self.running:
            dt = self.clock.tick(IDLE_FPS if self.idle else FPS) / 1000
            self.step(dt)
            if max_frames is not None and self.frames >= max_frames:
                break
        if screenshot is not None:
            save_screenshot(self.screen, screenshot)
        return 0

    def close(self) -> None:
        for scene in reversed(self.stack):
            try:
                scene.exit()
            except Exception:
                log.exception("error while closing %s", scene.name)
        self.stack.clear()
        pygame.display.quit()


def _prefer_shared_memory_present() -> None:
    """Under X11, present frames through shared memory rather than a texture: without a GPU, SDL's texture path
    runs on software OpenGL and took 12.9 ms per flip (0.2 ms this way). Only X11 has that native path (others,
    Wayland among them, need the texture), and a player's own setting of the hint wins."""
    with contextlib.suppress(pygame.error):
        if pygame.display.get_init() and pygame.display.get_driver() == "x11":
            os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


def _clipboard() -> str:
    """The clipboard's text, or nothing when there is no clipboard (the dummy video driver)."""
    from pygame_gui.elements import ui_text_entry_line

    try:
        return str(ui_text_entry_line.clipboard_paste() or "")
    except Exception:
        return ""


def _renders(entry: UITextEntryLine, text: str) -> bool:
    """Whether the field's font draws `text` with some width (only zero-width characters draw none)."""
    font = getattr(entry, "font", None)
    if font is None or not text:
        return True
    try:
        return int(font.size(text)[0]) > 0
    except Exception:  # a font that cannot measure it cannot render it either
        return False


def _vignette(size: tuple[int, int], base: pygame.Color, glow: pygame.Color) -> pygame.Surface:
    """A soft light from the top centre: a small gradient scaled up once, so it costs nothing per frame."""
    w, h = 160, 90
    small = pygame.Surface((w, h))
    for y in range(h):
        for x in range(w):
            dx, dy = (x - w / 2) / (w / 2), (y - h * 0.1) / h
            t = max(0.0, 1.0 - (dx * dx * 0.9 + dy * dy * 1.4) ** 0.5)
            small.set_at((x, y), base.lerp(glow, min(1.0, t)))
    return pygame.transform.smoothscale(small, size).convert()
