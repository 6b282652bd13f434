package org.voxbox;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Voxbox: a self-hosted voicemail service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VoxboxApplication {

	/** The one clock; tests replace it to move time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(VoxboxApplication.class, args);
	}
}
