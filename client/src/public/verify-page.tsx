import { createSignal, onMount, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { http } from '../lib/http';
import { ErrorBanner } from '../components/error-banner';
import './public.css';

interface PublicCertificate { number: string; name: string; idTypeName: string; idNumber: string; occupationName: string; workType: string; levelName: string; issuedOn: string; organization: string }

/** 证书查验 (public): by certificate number + name, or straight from the QR code on the certificate. */
export function VerifyPage() {
  const [search] = useSearchParams();
  const [error, setError] = createSignal<unknown>(null);
  const [cert, setCert] = createSignal<PublicCertificate | null>(null);
  const [busy, setBusy] = createSignal(false);
  const lookup = async (query: Record<string, string>) => {
    setError(null);
    setCert(null);
    setBusy(true);
    try {
      setCert((await http.get<{ certificate: PublicCertificate }>(`/api/public/certificates/verify?${new URLSearchParams(query)}`)).certificate);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  onMount(() => {
    const no = typeof search.no === 'string' ? search.no : '';
    const k = typeof search.k === 'string' ? search.k : '';
    if (no && k) void lookup({ no, k });
  });
  const submit = (ev: SubmitEvent) => {
    ev.preventDefault();
    const f = new FormData(ev.currentTarget as HTMLFormElement);
    void lookup({ no: String(f.get('no') ?? '').trim(), name: String(f.get('name') ?? '').trim() });
  };
  return (
    <section class="card pub-page">
      <h1>职业技能等级证书查询</h1>
      <p class="muted">输入证书编号和持证人姓名查询，或用手机扫描证书上的二维码。只能查询已公示且有效（未注销）的证书。</p>
      <form class="pub-form" onSubmit={submit}>
        <label>证书编号<input name="no" required maxLength={22} value={typeof search.no === 'string' ? search.no : ''} placeholder="如 S000036010001264000001" /></label>
        <label>姓名<input name="name" required={!(search.no && search.k)} maxLength={50} /></label>
        <button type="submit" class="primary" disabled={busy()}>查询</button>
      </form>
      <ErrorBanner error={error()} />
      <Show when={cert()}>
        {(c) => (
          <div class="pub-cert" role="region" aria-label="证书信息">
            <h2>职业技能等级证书 · 查验通过</h2>
            <dl>
              <dt>姓名</dt><dd>{c().name}</dd>
              <dt>证件类型</dt><dd>{c().idTypeName}</dd>
              <dt>证件号码</dt><dd>{c().idNumber}</dd>
              <dt>职业名称</dt><dd>{c().occupationName}</dd>
              <dt>工种/职业方向</dt><dd>{c().workType}</dd>
              <dt>职业技能等级</dt><dd>{c().levelName}</dd>
              <dt>证书编号</dt><dd>{c().number}</dd>
              <dt>发证日期</dt><dd>{c().issuedOn}</dd>
              <dt>评价机构</dt><dd>{c().organization}</dd>
            </dl>
          </div>
        )}
      </Show>
      <p class="pub-links"><A href="/publicity">成绩公示</A><A href="/login">登录</A></p>
    </section>
  );
}
