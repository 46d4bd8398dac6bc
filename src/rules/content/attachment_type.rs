//! `content/attachment-type`: an attachment that is not product instructions (a manual, a
//! set-up or care guide), warranty information or an invoice, judged by its file name in
//! English, German, French, Spanish, Italian and Japanese (also romanized). Return labels are
//! accepted (a document needed to complete the order), and so is any image or PDF attached to
//! a message that declares the `customization` purpose (a design proof or preview).

use crate::diagnostic::{Applicability, Field, Finding, Severity};
use crate::model::normalize_purpose;
use crate::rules::lazy_regex::GatedRegex;
use crate::rules::support::{constant_regex, located_finding};
use crate::rules::{Context, Rule, RuleMeta};
use std::borrow::Cow;
use std::sync::OnceLock;

pub struct AttachmentType;

const ID: &str = "content/attachment-type";

static META: RuleMeta = RuleMeta {
    id: Cow::Borrowed(ID),
    severity: Severity::Error,
    summary: Cow::Borrowed("attaches a file that is not instructions, warranty or an invoice"),
    why: Cow::Borrowed(
        "Amazon allows attachments only for product instructions, warranty information and \
         invoices (and files needed to complete the order, such as a return label or the proof \
         of a custom design). Catalogues, flyers, coupons and FAQ sheets are marketing or \
         unsolicited service content. The file name is what the rule can see, so name files for \
         what they are (`user-manual.pdf`, `rechnung-1234.pdf`).",
    ),
    source: Cow::Borrowed(
        "http://help.zonguru.com/en/articles/2930356-are-you-allowed-to-ask-for-an-amazon-review-after-a-sale-on-amazon",
    ),
    fix: Cow::Borrowed(
        "Attach only the product manual, the warranty information or the invoice; remove other \
         files, or rename a permitted file so its name says what it is.",
    ),
    example_bad: Cow::Borrowed("attachments: [spring-catalogue-2025.pdf]"),
    example_good: Cow::Borrowed("attachments: [user-manual.pdf]"),
    fixable: Applicability::Manual,
    languages: Vec::new(),
};

fn allowed_re() -> &'static GatedRegex {
    static RE: OnceLock<GatedRegex> = OnceLock::new();
    RE.get_or_init(|| {
        constant_regex(concat!(
            // en
            r"manual|instruction|guide|quick-?start|set-?up|how-?to|assembly|care|",
            r"warrant|guarantee|invoice|receipt|bill\b|return-?label|shipping-?label|label|",
            // de
            r"anleitung|anweisung|handbuch|pflege|garantie|gewährleistung|rechnung|quittung|beleg|",
            r"retourenschein|rücksende|",
            // fr
            r"notice|mode-?d-?emploi|manuel|entretien|facture|reçu|recu\b|étiquette|etiquette|",
            // es
            r"instrucciones|manual|garantía|garantia|factura|recibo|etiqueta|cuidado|",
            // it
            r"istruzioni|manuale|garanzia|fattura|ricevuta|scontrino|etichetta|",
            // ja (and romanized)
            r"説明書|取扱|取説|マニュアル|保証|請求書|領収書|納品書|ラベル|",
            r"torisetsu|setsumeisho|hoshosho|hoshousho|seikyusho|ryoshusho|ryoushuusho|nohinsho"
        ))
    })
}

fn is_proof_format(name: &str) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "pdf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "tif" | "tiff" | "heic"
    )
}

impl Rule for AttachmentType {
    fn meta(&self) -> &RuleMeta {
        &META
    }

    fn details(&self) -> Option<&'static str> {
        Some(
            "Each attachment whose file name does not say it is product instructions (manual, guide, quick start, set-up, care instructions), warranty information, an invoice or receipt, or a return or shipping label, in English, German, French, Spanish, Italian or Japanese (also romanized, such as `ryoshusho`). On a message that declares `purpose: customization`, images and PDFs are accepted as design proofs and previews. The offending file name is pointed at.",
        )
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Finding>) {
        for (index, mv) in ctx.each_message() {
            let m = mv.message;
            let customization = m
                .purpose
                .as_ref()
                .is_some_and(|p| normalize_purpose(&p.value) == "customization");
            for file in &m.attachments {
                let name = file.value.trim();
                if allowed_re().is_match(name) || customization && is_proof_format(name) {
                    continue;
                }
                out.push(located_finding(
                    ID,
                    index,
                    Field::Attachments,
                    file,
                    format!(
                        "`{name}` does not look like instructions, warranty information or an invoice"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permitted_names_in_six_languages() {
        for n in [
            "crema-one-quick-start.pdf",
            "crema-one-warranty.pdf",
            "invoice-{{order_id}}.pdf",
            "Rechnung_RE-2024-10387.pdf",
            "pflegehinweise.pdf",
            "facture-FA-2024-0457.pdf",
            "manual-ventilador-brisa.pdf",
            "fattura-2024-00318.pdf",
            "ryoshusho-250-4417386-9920451.pdf",
            "取扱説明書.pdf",
            "return-label.pdf",
        ] {
            assert!(allowed_re().is_match(n), "{n}");
        }
        for n in [
            "donabe-faq.pdf",
            "spring-catalogue.pdf",
            "coupon.png",
            "thread-color-chart.pdf",
        ] {
            assert!(!allowed_re().is_match(n), "{n}");
        }
    }
}
