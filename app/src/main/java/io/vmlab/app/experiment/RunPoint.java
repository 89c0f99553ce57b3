package io.vmlab.app.experiment;

import io.vmlab.app.config.MachineLoader;
import io.vmlab.app.experiment.ExperimentSpec.MachineRef;
import java.util.List;
import java.util.Map;

/**
 * One point of an experiment's sweep.
 *
 * @param index its position in the full sweep (the product's order, first key slowest)
 * @param params the swept keys and their values here, as the outputs show them
 * @param machine the machine
 * @param overrides the machine keys the sweep sets at this point
 * @param frames policy-study frames (0: the full model)
 * @param seed the run's seed
 * @param vars the experiment's vars with the sweep's values at this point
 */
public record RunPoint(int index, Map<String, String> params, MachineRef machine,
    List<MachineLoader.Override> overrides, int frames, long seed, Map<String, String> vars) {}
