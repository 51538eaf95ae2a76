/* pw-cycle-stepper.h
 *
 * Copyright 2026 The Pathway developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_CYCLE_STEPPER (pw_cycle_stepper_get_type ())
G_DECLARE_FINAL_TYPE (PwCycleStepper, pw_cycle_stepper, PW, CYCLE_STEPPER, GtkWidget)

GtkWidget  *pw_cycle_stepper_new            (void);
const char *pw_cycle_stepper_get_stage      (PwCycleStepper *self);
void        pw_cycle_stepper_set_stage      (PwCycleStepper *self,
                                             const char     *stage);
const char *pw_cycle_stepper_get_step_label (PwCycleStepper *self,
                                             guint           index);

G_END_DECLS
