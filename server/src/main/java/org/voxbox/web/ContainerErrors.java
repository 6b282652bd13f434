package org.voxbox.web;

import java.io.IOException;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Answers the errors Tomcat raises before any filter runs (a malformed or ambiguous URI such as {@code %00} or
 * {@code %2F}, headers over the size limit) in the Webex error shape with a {@code TrackingID}, instead of
 * Tomcat's HTML page.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonContainerErrors(ApiErrors errors) {
		return factory -> factory.addContextCustomizers(context -> {
			StandardHost host = (StandardHost) context.getParent();
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new JsonErrorReportValve(errors));
			// Else the host adds its own HTML ErrorReportValve when it starts, and that one would answer first.
			host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
		});
	}

	static final class JsonErrorReportValve extends ErrorReportValve {

		private final ApiErrors errors;

		JsonErrorReportValve(ApiErrors errors) {
			this.errors = errors;
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			try {
				response.setHeader(TrackingIds.HEADER, TrackingIds.of(request));
				errors.write(ErrorCode.forStatus(response.getStatus()), request, response);
				response.finishResponse();
			}
			catch (IOException | RuntimeException ex) {
				// The client has gone, or the response cannot take a body: nothing more to tell it.
			}
		}
	}
}
