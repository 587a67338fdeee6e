package io.sluice.spring;

import io.sluice.hooks.Hook;

/**
 * A hook the auto-configured session calls on every run, after the project's own hooks. Declare
 * one as a bean to observe the runs of the application's session (the starter declares
 * {@link RunMeters} this way); several are called in their bean order.
 *
 * @param hook the hook
 */
public record SluiceHook(Hook hook) {
}
