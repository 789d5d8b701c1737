#pragma once

#include <QPalette>

namespace Vigie {

// A dark palette of the console's own, for a screen the system does not make dark (a wall
// display in a dark room, screenshots of the dark look): the window, text, buttons, selection and
// tooltips, every role the console's widgets read. State colours follow it (StateIcons::isDark).
QPalette darkPalette();

} // namespace Vigie
