package io.sluice.group;

import java.util.List;

/**
 * A project's own check of a grouping, run by {@link Grouper#check} after the built-in ones
 * (e.g. "the training group must not read raw data"). Project hooks provide them through
 * {@code io.sluice.hooks.Hook#checkGroups}.
 */
@FunctionalInterface
public interface GroupRule {
    /** The problems found, each a sentence naming the offender and the fix; empty when fine. */
    List<String> check(Grouping grouping);
}
