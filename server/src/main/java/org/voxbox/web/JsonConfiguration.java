package org.voxbox.web;

import java.io.IOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict JSON, and parse errors that quote nothing from the body. Strict JSON: a string field takes only a JSON string ({@code {"passcode":123456}} is a 400, not a PIN that
 * silently lost its leading zeros), and booleans and numbers only their own JSON types.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	/**
	 * Replaces Boot's JSON converter (order 0) with one whose parse errors name only the position: Jackson's own
	 * messages quote the offending value, and Spring logs them at DEBUG — a mistyped PIN would reach the log.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer quietJsonErrors(JsonMapper json) {
		return builder -> builder.withJsonConverter(new QuietJsonConverter(json));
	}

	static final class QuietJsonConverter extends JacksonJsonHttpMessageConverter {

		QuietJsonConverter(JsonMapper json) {
			super(json);
		}

		@Override
		public Object read(ResolvableType type, HttpInputMessage input, @Nullable Map<String, Object> hints)
				throws IOException {
			try {
				return super.read(type, input, hints);
			}
			catch (HttpMessageNotReadableException ex) {
				if (ex.getMostSpecificCause() instanceof RequestSizeLimit.TooLarge) {
					throw ex; // quotes nothing from the body, and must stay a 413
				}
				throw new HttpMessageNotReadableException(describe(ex), input);
			}
		}

		private static String describe(HttpMessageNotReadableException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
				return "JSON body not readable (" + cause.getClass().getSimpleName() + " at line "
						+ jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr() + ")";
			}
			return "JSON body not readable" + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")");
		}
	}

	@Bean
	JsonMapperBuilderCustomizer strictScalars() {
		return builder -> builder
			.withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
	}
}
