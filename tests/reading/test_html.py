"""SPEC §3: HTML is read line by line as a reader sees it, tables as rows of cells, and the
place where a quoted or forwarded part begins is marked. Samples are built the way the clients
build them (Outlook's Word HTML, OWA, Gmail, Apple Mail, Thunderbird)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.reading.html import Table, rendered
from mailbot.reading.split import split

OUTLOOK_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}
p.MsoListParagraph {margin-left:36.0pt;}
--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext="edit" spidmax="1026" /></xml><![endif]-->
</head><body lang=SV link="#0563C1" vlink="#954F72"><div class=WordSection1>"""

OUTLOOK_NUMBERED = (
    OUTLOOK_HEAD
    + """<p class=MsoNormal>Hej!<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Jag anmäler följande kollegor till seminariet:<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Anna Berg, socialsekreterare, <a href="mailto:anna.berg@lund.se">anna.berg@lund.se</a><o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Per Persson, <a href="mailto:per.persson@lund.se">per.persson@lund.se</a><o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>Med vänliga hälsningar<o:p></o:p></p>
<p class=MsoNormal>Eva Ek<o:p></o:p></p>
</div></body></html>"""
)


def test_outlook_numbered_list_keeps_its_numbers_and_its_blank_paragraphs() -> None:
    assert rendered(OUTLOOK_NUMBERED).lines == (
        "Hej!",
        "",
        "Jag anmäler följande kollegor till seminariet:",
        "1. Anna Berg, socialsekreterare, anna.berg@lund.se",
        "2. Per Persson, per.persson@lund.se",
        "",
        "Med vänliga hälsningar",
        "Eva Ek",
    )


def test_outlook_symbol_bullets_become_bullets() -> None:
    html = (
        OUTLOOK_HEAD
        + """<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Lisa Holm &lt;lisa.holm@polisen.se&gt;<o:p></o:p></p>
<p class=MsoListParagraph style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l1 level2 lfo2'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Omar Ali &lt;omar.ali@polisen.se&gt;<o:p></o:p></p>
</div></body></html>"""
    )
    assert rendered(html).lines == (
        "• Lisa Holm <lisa.holm@polisen.se>",
        "• Omar Ali <omar.ali@polisen.se>",
    )


def test_excel_table_pasted_into_outlook_is_a_table_and_tab_joined_lines() -> None:
    html = (
        OUTLOOK_HEAD
        + """<p class=MsoNormal>Anmäler nedanstående:<o:p></o:p></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=400 style='width:300.0pt;border-collapse:collapse'>
<tr style='height:15.0pt'><td width=160 nowrap valign=bottom style='padding:0cm 5.4pt 0cm 5.4pt;height:15.0pt'><p class=MsoNormal><b><span style='color:black'>Namn<o:p></o:p></span></b></p></td>
<td width=240 nowrap valign=bottom style='padding:0cm 5.4pt 0cm 5.4pt;height:15.0pt'><p class=MsoNormal><b><span style='color:black'>E-post<o:p></o:p></span></b></p></td></tr>
<tr style='height:15.0pt'><td nowrap valign=bottom><p class=MsoNormal><span style='color:black'>Karin Sjö<o:p></o:p></span></p></td>
<td nowrap valign=bottom><p class=MsoNormal><span style='color:black'>karin.sjo@malmo.se<o:p></o:p></span></p></td></tr>
<tr style='height:15.0pt'><td nowrap valign=bottom><p class=MsoNormal><o:p>&nbsp;</o:p></p></td><td nowrap valign=bottom><p class=MsoNormal><o:p>&nbsp;</o:p></p></td></tr>
<tr style='height:15.0pt'><td nowrap valign=bottom><p class=MsoNormal><span style='color:black'>Jonas Ek<o:p></o:p></span></p></td>
<td nowrap valign=bottom><p class=MsoNormal><span style='color:black'>jonas.ek@malmo.se<o:p></o:p></span></p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Tack!<o:p></o:p></p></div></body></html>"""
    )
    result = rendered(html)
    assert result.tables == (
        Table(
            (
                ("Namn", "E-post"),
                ("Karin Sjö", "karin.sjo@malmo.se"),
                ("Jonas Ek", "jonas.ek@malmo.se"),
            ),
            line=1,
            end=5,
        ),
    )
    assert result.lines == (
        "Anmäler nedanstående:",
        "Namn\tE-post",
        "Karin Sjö\tkarin.sjo@malmo.se",
        "",
        "Jonas Ek\tjonas.ek@malmo.se",
        "",
        "Tack!",
    )
    assert result.quote_start is None


def test_a_layout_table_around_a_signature_is_read_as_blocks_not_as_data() -> None:
    html = """<table><tr><td><img src="cid:logo"></td><td><table><tr><td>Eva Ek</td></tr>
<tr><td>Enhetschef</td></tr></table></td></tr></table>"""
    result = rendered(html)
    assert result.tables == (Table((("Eva Ek",), ("Enhetschef",)), line=0, end=2),)
    assert result.lines == ("Eva Ek", "Enhetschef")


def test_outlook_swedish_reply_header_block_marks_the_quote() -> None:
    html = (
        OUTLOOK_HEAD
        + """<p class=MsoNormal>Jag kommer gärna!<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Från:</b> Seminarier &lt;seminarier@lansstyrelsen.se&gt; <br><b>Skickat:</b> den 2 december 2026 09:14<br><b>Till:</b> Eva Ek &lt;eva.ek@lund.se&gt;<br><b>Ämne:</b> Inbjudan: Våld i nära relationer<o:p></o:p></p></div></div>
<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Välkommen att anmäla dig.<o:p></o:p></p></div></body></html>"""
    )
    result = rendered(html)
    assert result.lines[result.quote_start or 0] == (
        "Från: Seminarier <seminarier@lansstyrelsen.se>"
    )
    assert result.lines[: result.quote_start] == ("Jag kommer gärna!", "")


def test_owa_reply_marks_the_quote_at_div_rply_fwd_msg() -> None:
    html = """<html><body><div style="font-family: Aptos, sans-serif; font-size: 12pt;">Hej, jag kan inte komma.</div>
<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>Från:</b> Seminarier &lt;seminarier@lansstyrelsen.se&gt;<br><b>Skickat:</b> onsdag 2 december 2026 09:14<br><b>Till:</b> Lisa Berg<br><b>Ämne:</b> Bekräftelse</font><div>&nbsp;</div></div>
<div>Du är anmäld.</div></body></html>"""
    result = rendered(html)
    assert result.quote_start is not None
    assert result.lines[: result.quote_start] == ("Hej, jag kan inte komma.",)
    assert "Från: Seminarier <seminarier@lansstyrelsen.se>" in result.lines[result.quote_start :]


def test_gmail_reply_marks_gmail_quote_with_its_attribution() -> None:
    html = """<div dir="ltr"><div>Hej,</div><div><br></div><div>jag och min kollega Kalle Karlsson (<a href="mailto:kalle.karlsson@lund.se">kalle.karlsson@lund.se</a>) kommer.</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Den ons 2 dec. 2026 kl 09:14 skrev Seminarier &lt;<a href="mailto:seminarier@lansstyrelsen.se">seminarier@lansstyrelsen.se</a>&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Välkommen!</div></blockquote></div>"""
    result = rendered(html)
    assert result.lines[: result.quote_start] == (
        "Hej,",
        "",
        "jag och min kollega Kalle Karlsson (kalle.karlsson@lund.se) kommer.",
        "",
    )
    assert result.lines[result.quote_start or 0].startswith("Den ons 2 dec. 2026 kl 09:14 skrev")


def test_apple_mail_blockquote_type_cite_is_a_quote() -> None:
    html = """<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Jag kommer gärna.<br><br><div dir="ltr">Skickat från min iPhone</div><div dir="ltr"><br><blockquote type="cite">2 dec. 2026 kl. 09:14 skrev Seminarier &lt;seminarier@lansstyrelsen.se&gt;:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Välkommen!</div></blockquote></body></html>"""
    result = rendered(html)
    assert result.lines[: result.quote_start] == (
        "Jag kommer gärna.",
        "",
        "Skickat från min iPhone",
        "",
    )


def test_thunderbird_moz_cite_prefix_starts_the_quote() -> None:
    html = """<html><body><p>I will attend, and so will Tom Hill &lt;tom.hill@york.gov.uk&gt;.</p>
<div class="moz-cite-prefix">On 2026-12-02 09:14, Seminars wrote:<br></div>
<blockquote type="cite" cite="mid:abc@example.org"><p>Welcome!</p></blockquote></body></html>"""
    result = rendered(html)
    assert result.lines[: result.quote_start] == (
        "I will attend, and so will Tom Hill <tom.hill@york.gov.uk>.",
    )
    assert result.lines[result.quote_start or 0] == "On 2026-12-02 09:14, Seminars wrote:"


def test_html_lists_keep_numbers_from_their_start_and_bullets() -> None:
    html = "<ol start='3'><li>Anna</li><li>Per</li></ol><ul><li>Lisa<br>lisa@x.se</li></ul>"
    assert rendered(html).lines == ("3. Anna", "4. Per", "• Lisa", "lisa@x.se")


def test_new_outlook_and_owa_list_items_wrapping_their_text_in_blocks_keep_their_marker() -> None:
    html = """<ol style="margin-top:0;margin-bottom:0" start="1"><li style="font-family:Aptos"><div role="presentation">Anna Berg, anna.berg@lund.se</div></li>
<li style="font-family:Aptos"><p>Per Ek, <span>per.ek@lund.se</span></p></li><li><div>&nbsp;</div></li></ol>
<ul><li><div><br></div></li><li><div>Lisa Holm</div></li></ul>"""
    assert rendered(html).lines == (
        "1. Anna Berg, anna.berg@lund.se",
        "2. Per Ek, per.ek@lund.se",
        "",
        "",
        "• Lisa Holm",
    )


def test_hidden_preheaders_scripts_and_styles_are_not_read() -> None:
    html = (
        "<style>p{}</style><span style='display:none'>preview</span><p>Hej</p><script>x()</script>"
    )
    assert rendered(html).lines == ("Hej",)


def test_markup_that_is_not_html_at_all_is_read_as_text() -> None:
    assert rendered("").lines == ()
    assert rendered("Anna Berg anna@x.se").lines == ("Anna Berg anna@x.se",)


def test_deeply_nested_markup_is_read_without_recursion_errors() -> None:
    html = "<div>" * 5000 + "Anna" + "</div>" * 5000
    assert "Anna" in " ".join(rendered(html).lines)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"<>/=\"' &;#abdilprtuv\n\xa0",
                "<p>",
                "<td>",
                "<tr>",
                "<table>",
                "</table>",
                "<li>",
                "<ol>",
                "<br>",
                "<blockquote>",
                "&nbsp;",
                "<div class=gmail_quote>",
                "Anna",
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_any_markup_renders_without_crashing_and_deterministically(html: str) -> None:
    first = rendered(html)
    assert first == rendered(html)
    assert first.quote_start is None or 0 <= first.quote_start <= len(first.lines)
    assert all("\n" not in line for line in first.lines)


OUTLOOK_SV_FORWARD_HTML = (
    OUTLOOK_HEAD
    + """<p class=MsoNormal>Anmäler Lisa enligt nedan.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
<p class=MsoNormal><b>Från:</b> Lisa Berg &lt;lisa.berg@lund.se&gt; <br><b>Skickat:</b> den 1 december 2026 16:02<br><b>Till:</b> Eva Ek &lt;eva.ek@lund.se&gt;<br><b>Ämne:</b> Seminariet<o:p></o:p></p></div></div>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0><tr><td><p class=MsoNormal>Namn<o:p></o:p></p></td><td><p class=MsoNormal>E-post<o:p></o:p></p></td></tr>
<tr><td><p class=MsoNormal>Lisa Berg<o:p></o:p></p></td><td><p class=MsoNormal><a href="mailto:lisa.berg@lund.se">lisa.berg@lund.se</a><o:p></o:p></p></td></tr></table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Tack!<o:p></o:p></p><p class=MsoNormal>Lisa<o:p></o:p></p>
</div></body></html>"""
)


def test_an_outlook_forward_in_html_splits_into_the_forwarders_text_and_the_forwarded_table() -> (
    None
):
    page = rendered(OUTLOOK_SV_FORWARD_HTML)
    result = split(
        page.lines, quote_start=page.quote_start, subject="VB: Seminariet", sender_name="Eva Ek"
    )
    assert result.author == ("Anmäler Lisa enligt nedan.",)
    assert result.forwarded is not None
    assert result.forwarded.sender == "Lisa Berg <lisa.berg@lund.se>"
    assert result.forwarded.author == ("Namn\tE-post", "Lisa Berg\tlisa.berg@lund.se")
    (table,) = page.tables
    assert table.rows == (("Namn", "E-post"), ("Lisa Berg", "lisa.berg@lund.se"))
    assert result.rest_start is not None and table.line >= result.rest_start  # not the author's


GMAIL_FORWARD_HTML = """<div dir="ltr">Hej, se nedan. Anmäler Johan.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Vidarebefordrat meddelande ---------<br>Från: <strong class="gmail_sendername" dir="auto">Johan Persson</strong> <span dir="auto">&lt;<a href="mailto:johan.persson@malmo.se">johan.persson@malmo.se</a>&gt;</span><br>Date: tis 1 dec. 2026 kl 15:40<br>Subject: Anmälan seminarium<br>To: Anna Lund &lt;<a href="mailto:anna.lund@malmo.se">anna.lund@malmo.se</a>&gt;<br></div><br><br><div dir="ltr">Hej Anna, jag vill gärna gå på seminariet.<div>johan.persson@malmo.se</div><div><br></div><div>Mvh Johan</div></div></div></div>"""

APPLE_FORWARD_HTML = """<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">Anmäler Sara enligt nedan.<br><br><div dir="ltr">Skickat från min iPhone</div><div dir="ltr"><br><blockquote type="cite">Början av vidarebefordrat meddelande:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr"><b>Från:</b> Sara Nilsson &lt;sara.nilsson@polisen.se&gt;<br><b>Datum:</b> 1 december 2026 15:40:11 CET<br><b>Till:</b> Omar Ali &lt;omar.ali@polisen.se&gt;<br><b>Ämne:</b> <b>Seminariet</b><br></div></blockquote><blockquote type="cite"><div dir="ltr">Hej! Jag vill anmäla mig. sara.nilsson@polisen.se</div></blockquote></body></html>"""


@pytest.mark.parametrize(
    ("html", "subject", "author", "sender", "forwarded_author"),
    [
        (
            GMAIL_FORWARD_HTML,
            "Fwd: Anmälan seminarium",
            ("Hej, se nedan. Anmäler Johan.",),
            "Johan Persson <johan.persson@malmo.se>",
            ("Hej Anna, jag vill gärna gå på seminariet.", "johan.persson@malmo.se"),
        ),
        (
            APPLE_FORWARD_HTML,
            "Fwd: Seminariet",
            ("Anmäler Sara enligt nedan.",),
            "Sara Nilsson <sara.nilsson@polisen.se>",
            ("Hej! Jag vill anmäla mig. sara.nilsson@polisen.se",),
        ),
    ],
    ids=["gmail", "apple-iphone"],
)
def test_gmail_and_iphone_forwards_in_html_give_the_forwarded_headers_and_text(
    html: str, subject: str, author: tuple[str, ...], sender: str, forwarded_author: tuple[str, ...]
) -> None:
    page = rendered(html)
    result = split(page.lines, quote_start=page.quote_start, subject=subject)
    assert result.author == author
    assert result.forwarded is not None
    assert result.forwarded.sender == sender
    assert tuple(line for line in result.forwarded.author if line) == forwarded_author
