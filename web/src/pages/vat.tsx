import { useState } from 'preact/hooks';
import type { Country } from '../../../shared/identifiers/types.js';
import { assessVat, type VatAssessment, type VatAssessmentRequest } from '../../../shared/vat/assess.js';
import { ReasonItem } from '../components/badges.js';
import { CountrySelect, ErrorAlert, type SetField, SubmitRow, useForm } from '../components/form-parts.js';
import { type Speaker, useSpeaker } from '../i18n.js';

const CATEGORIES = ['electronic_services', 'services', 'goods'] as const;
const BUYER_TYPES = ['consumer', 'business'] as const;

interface Form {
  country: Country;
  date: string;
  sellerResidence: string;
  sellerVat: boolean;
  turnover: string;
  buyerType: (typeof BUYER_TYPES)[number];
  buyerResidence: string;
  category: (typeof CATEGORIES)[number];
  net: string;
}

const START: Form = {
  country: 'KZ',
  date: new Date().toISOString().slice(0, 10),
  sellerResidence: 'DE',
  sellerVat: false,
  turnover: '',
  buyerType: 'consumer',
  buyerResidence: 'KZ',
  category: 'electronic_services',
  net: '10000',
};

function toRequest(f: Form): VatAssessmentRequest {
  const turnover = f.turnover.trim() === '' ? undefined : Number(f.turnover);
  const net = f.net.trim() === '' ? undefined : Number(f.net);
  return {
    country: f.country,
    date: f.date,
    seller: {
      residence: f.sellerResidence.trim().toUpperCase(),
      vatRegistered: f.sellerVat,
      ...(turnover !== undefined ? { turnover12m: turnover } : {}),
    },
    buyer: { type: f.buyerType, residence: f.buyerResidence.trim().toUpperCase() },
    supply: { category: f.category, ...(net !== undefined ? { net } : {}) },
  };
}

/** "Do I owe VAT there?" for a SaaS vendor and other sellers: a few questions, a cited answer. */
export function VatPage() {
  const s = useSpeaker();
  const { form, set } = useForm(START);
  const [outcome, setOutcome] = useState<{ result?: VatAssessment; error?: string }>({});
  const run = (event: Event) => {
    event.preventDefault();
    try {
      setOutcome({ result: assessVat(toRequest(form)) });
    } catch (error) {
      setOutcome({ error: s.tr('web.error', { message: (error as Error).message }) });
    }
  };
  return (
    <section aria-labelledby="vat-title">
      <h1 id="vat-title">{s.tr('web.vat.title')}</h1>
      <p class="muted">{s.tr('web.vat.intro')}</p>
      <form onSubmit={run} class="stack">
        <SupplyFields form={form} set={set} />
        <SellerFields form={form} set={set} />
        <BuyerFields form={form} set={set} />
        <SubmitRow />
      </form>
      <ErrorAlert error={outcome.error} />
      {outcome.result ? <VatAnswer result={outcome.result} /> : null}
    </section>
  );
}

interface SectionProps {
  form: Form;
  set: SetField<Form>;
}

/** Where, when and what is sold. */
function SupplyFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
    <div class="grid3">
      <CountrySelect label={s.tr('web.vat.country')} value={form.country} onChange={(c) => set('country', c)} />
      <label class="field">
        <span>{s.tr('web.vat.date')}</span>
        <input type="date" name="date" required value={form.date} onInput={(e) => set('date', e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{s.tr('web.vat.category')}</span>
        <select
          name="category"
          value={form.category}
          onChange={(e) => set('category', e.currentTarget.value as Form['category'])}
        >
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {s.tr(`web.vat.category.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A two-letter country code (ISO 3166-1 alpha-2). */
function IsoField({
  name,
  label,
  form,
  set,
}: SectionProps & { name: 'sellerResidence' | 'buyerResidence'; label: string }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input
        name={name}
        value={form[name]}
        required
        maxLength={2}
        pattern="[A-Za-z]{2}"
        autocomplete="off"
        class="mono short"
        onInput={(e) => set(name, e.currentTarget.value)}
      />
    </label>
  );
}

/** The seller's residence, 12-month turnover and VAT registration. */
function SellerFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
    <div class="grid3">
      <IsoField name="sellerResidence" label={s.tr('web.vat.sellerResidence')} form={form} set={set} />
      <label class="field">
        <span>{s.tr('web.vat.turnover')}</span>
        <input
          type="number"
          min="0"
          name="turnover"
          value={form.turnover}
          onInput={(e) => set('turnover', e.currentTarget.value)}
        />
      </label>
      <label class="check">
        <input
          type="checkbox"
          name="sellerVat"
          checked={form.sellerVat}
          onChange={(e) => set('sellerVat', e.currentTarget.checked)}
        />
        {s.tr('web.vat.sellerVat')}
      </label>
    </div>
  );
}

/** Who buys, from where, and for how much. */
function BuyerFields({ form, set }: SectionProps) {
  const s = useSpeaker();
  return (
    <div class="grid3">
      <fieldset class="radios">
        <legend>{s.tr('web.vat.buyerType')}</legend>
        {BUYER_TYPES.map((b) => (
          <label key={b} class="check">
            <input
              type="radio"
              name="buyerType"
              value={b}
              checked={form.buyerType === b}
              onChange={() => set('buyerType', b)}
            />
            {s.tr(`web.vat.buyer.${b}`)}
          </label>
        ))}
      </fieldset>
      <IsoField name="buyerResidence" label={s.tr('web.vat.buyerResidence')} form={form} set={set} />
      <label class="field">
        <span>{s.tr('web.vat.net')}</span>
        <input
          type="number"
          min="0"
          step="0.01"
          name="net"
          value={form.net}
          onInput={(e) => set('net', e.currentTarget.value)}
        />
      </label>
    </div>
  );
}

/** The answer's facts as `[key, label, value]` rows: rate, payer, registration, and filing and amounts when known. */
function answerRows(result: VatAssessment, s: Speaker): [string, string, string][] {
  const { registration, filing, amounts } = result;
  const rate = result.vatApplies ? `${s.num(result.rate)} % (${result.vatCountry})` : s.tr('web.vat.noVat');
  const registrationText = registration.required
    ? s.tr('web.vat.regRequired', {
        date: registration.deadline ? s.date(registration.deadline) : '—',
        route: registration.route ?? '',
      })
    : s.tr('web.vat.regNotRequired');
  const rows: [string, string, string][] = [
    ['rate', s.tr('web.vat.rate'), rate],
    ['payer', s.tr('web.vat.payer'), s.tr(`web.vat.payer.${result.liableParty}`)],
    ['registration', s.tr('web.vat.registration'), registrationText],
  ];
  if (filing) {
    const { frequency } = filing;
    const text = s.tr('web.vat.filing', {
      frequency,
      periodEnd: s.date(filing.periodEnd),
      dueDate: s.date(filing.dueDate),
    });
    rows.push(['filing', s.tr('web.vat.filingLabel'), text]);
  }
  if (amounts) {
    const text = `${s.num(amounts.net)} + ${s.num(amounts.vat)} = ${s.num(amounts.gross)}`;
    rows.push(['amounts', s.tr('web.vat.amounts'), text]);
  }
  return rows;
}

function VatAnswer({ result }: { result: VatAssessment }) {
  const s = useSpeaker();
  return (
    <div class="answer" aria-live="polite" data-testid="vat-answer">
      <h2>{s.tr('web.vat.answer')}</h2>
      <dl class="facts wide">
        {answerRows(result, s).map(([key, label, value]) => (
          <div key={key} data-key={key}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{s.tr('web.reasons')}</h3>
      <ul class="reasons">
        {result.reasons.map((r) => (
          <ReasonItem key={r.code + r.text} text={r.text} citation={r.citation} confidence={r.confidence} />
        ))}
      </ul>
    </div>
  );
}
