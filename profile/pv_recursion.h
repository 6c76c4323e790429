/* pv_recursion.h - folding direct recursion, for call trees that should
 * not grow one level per recursive call. */
#ifndef PV_RECURSION_H
#define PV_RECURSION_H

#include "profile/pv_profile.h"

/* Rewrites every stack in place so that a function calling itself
 * directly (f -> f -> f) becomes one frame (the outermost); samples keep
 * their weight, and time spent in the inner calls becomes the outer
 * call's.  Mutual recursion (f -> g -> f) is left alone.  Returns 0 or
 * PV_ENOMEM. */
int pv_profile_collapse_recursion(struct pv_profile *p, struct pv_error *err);

#endif
