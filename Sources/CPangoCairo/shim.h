// Pango (text shaping and layout, any script) drawing through cairo (vector PDF and image surfaces).
// pkg-config: pangocairo (pulls pango, cairo, glib, harfbuzz, fontconfig).
#ifndef PHR_CPANGOCAIRO_SHIM_H
#define PHR_CPANGOCAIRO_SHIM_H

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/// PANGO_SCALE as a function (the macro imports too, but this keeps the unit explicit at call sites).
static inline int phr_pango_scale(void) { return PANGO_SCALE; }

/// Releases a GObject (PangoLayout, PangoContext); g_object_unref takes a gpointer.
static inline void phr_g_object_unref(void *object) { if (object) g_object_unref(object); }

#endif
