package io.github.salesforcejwt;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * An {@link ObservationRegistry} that keeps the context of every observation it stops.
 */
final class RecordedObservations implements ObservationHandler<Observation.Context> {

	final ObservationRegistry registry = ObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	RecordedObservations() {
		this.registry.observationConfig().observationHandler(this);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStop(Observation.Context context) {
		this.stopped.add(context);
	}

	List<Observation.Context> stopped() {
		return this.stopped;
	}

	/**
	 * Return the low-cardinality key values of each stopped observation, such as
	 * {@code outcome=success error.code=none org=acme}, sorted by key.
	 */
	List<String> keyValues() {
		return this.stopped.stream()
			.map((context) -> String.join(" ", context.getLowCardinalityKeyValues()
				.stream()
				.map((keyValue) -> keyValue.getKey() + "=" + keyValue.getValue())
				.sorted()
				.toList()))
			.toList();
	}

	List<String> outcomes() {
		return this.stopped.stream()
			.map((context) -> context.getLowCardinalityKeyValue("outcome"))
			.map(KeyValue::getValue)
			.toList();
	}

}
