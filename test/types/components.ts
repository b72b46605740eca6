// Type tests of deploy({ components }): each `@ts-expect-error` line must fail to compile, the others must compile. Never executed.
import { deploy, existing, kubePrometheus } from '../../dsl/index.ts';

deploy({
  components: {
    prometheus: existing({ url: 'http://prometheus.monitoring.svc:9090' }),
    alertmanager: existing({ url: 'http://alertmanager.monitoring.svc:9093' }),
    grafana: existing({ folder: 'Shop' }),
    blackboxExporter: 'deploy',
    kubeStateMetrics: existing({}),
  },
  sharedNamespace: true,
});
deploy({ components: { prometheus: kubePrometheus(), grafana: 'none' } });

// @ts-expect-error an existing Alertmanager is reached at a URL
deploy({ components: { alertmanager: existing({}) } });
// @ts-expect-error only Grafana can be left out
deploy({ components: { alertmanager: 'none' } });
// @ts-expect-error only Prometheus can be kube-prometheus'
deploy({ components: { grafana: kubePrometheus() } });
