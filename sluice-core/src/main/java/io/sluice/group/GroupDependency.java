package io.sluice.group;

import java.util.List;

/**
 * Group {@code to} needs data produced in group {@code from}.
 *
 * @param from     the producing group's id
 * @param to       the consuming group's id
 * @param datasets the datasets that flow from one to the other, in the producers' pipeline order
 */
public record GroupDependency(String from, String to, List<String> datasets) {
    public GroupDependency {
        datasets = List.copyOf(datasets);
    }
}
