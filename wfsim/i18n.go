package wfsim

import (
	"net/http"
	"strings"
)

// consentText is the consent page's words in the languages Workfront's docs
// come in, chosen from the browser's Accept-Language.
type consentText struct {
	Lang, Title, Wants, SignedIn, At, IfAllow, Read, Stay, Deny, Allow, Fine, Simulated string
}

var consentTexts = map[string]consentText{
	"en":      {"en", "Allow access – Workfront", "wants to access your Workfront account", "Signed in as", "at", "If you allow it, it can, on your behalf:", "read your projects and their details", "stay signed in until you revoke its access", "Deny", "Allow", "This page is served by wfconnect's Workfront simulator. No real Workfront account is involved.", "(simulated)"},
	"sv":      {"sv", "Tillåt åtkomst – Workfront", "vill komma åt ditt Workfront-konto", "Inloggad som", "på", "Om du tillåter det kan programmet för din räkning:", "läsa dina projekt och deras detaljer", "förbli inloggat tills du återkallar åtkomsten", "Neka", "Tillåt", "Sidan kommer från wfconnects Workfront-simulator. Inget riktigt Workfront-konto berörs.", "(simulerad)"},
	"zh-Hans": {"zh-Hans", "允许访问 – Workfront", "想要访问您的 Workfront 帐户", "登录身份：", "位于", "如果您允许，它可以代表您：", "读取您的项目及其详细信息", "保持登录，直到您撤销其访问权限", "拒绝", "允许", "此页面由 wfconnect 的 Workfront 模拟器提供，不涉及真实的 Workfront 帐户。", "（模拟）"},
	"zh-Hant": {"zh-Hant", "允許存取 – Workfront", "想要存取您的 Workfront 帳戶", "登入身分：", "位於", "如果您允許，它可以代表您：", "讀取您的專案及其詳細資料", "保持登入，直到您撤銷其存取權", "拒絕", "允許", "此頁面由 wfconnect 的 Workfront 模擬器提供，不涉及真實的 Workfront 帳戶。", "（模擬）"},
}

// pickConsentText reads Accept-Language in order of preference (q values
// are taken as listed, which browsers send in descending order).
func pickConsentText(r *http.Request) consentText {
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.Split(part, ";")[0]))
		switch {
		case tag == "zh-tw" || tag == "zh-hk" || tag == "zh-mo" || strings.HasPrefix(tag, "zh-hant"):
			return consentTexts["zh-Hant"]
		case strings.HasPrefix(tag, "zh"):
			return consentTexts["zh-Hans"]
		case strings.HasPrefix(tag, "sv"):
			return consentTexts["sv"]
		case strings.HasPrefix(tag, "en"):
			return consentTexts["en"]
		}
	}
	return consentTexts["en"]
}
