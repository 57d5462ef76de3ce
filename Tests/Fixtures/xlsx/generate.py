#!/usr/bin/env python3
"""Makes the workbook fixtures in this folder (see README.md).

    python3 generate.py            # openpyxl and hand-written parts
    python3 generate.py --soffice  # also the LibreOffice-saved file (needs soffice)

All names are made up. Time stamps inside the ZIPs are fixed, so a rerun changes nothing
(except the LibreOffice file, whose metadata holds the time it was made)."""
import datetime, os, re, shutil, subprocess, sys, tempfile, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 12, 2, 12, 0, 0)

def fix_times(path):
    # Rewrites a ZIP with a fixed time stamp on every entry (openpyxl stamps "now").
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            info.date_time = STAMP
            if info.filename == 'docProps/core.xml':   # openpyxl stamps "now" as the created and modified times
                data = re.sub(rb'(<dcterms:(?:created|modified)[^>]*>)[^<]*', rb'\g<1>2026-12-02T12:00:00Z', data)
            z.writestr(info, data, zipfile.ZIP_DEFLATED)

def openpyxl_basic():
    """openpyxl: shared strings, numbers, a boolean, a date-formatted cell, a formula without a
    cached value, a merged title row and a merged two-row header, a hidden second sheet."""
    import openpyxl
    from openpyxl.styles import Font
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = 'Lớp 6A1'
    ws['A1'] = 'TRƯỜNG THCS SÔNG MÂY — DANH SÁCH LỚP 6A1'
    ws.merge_cells('A1:E1')
    ws['A2'] = 'STT'; ws.merge_cells('A2:A3')
    ws['B2'] = 'Mã học sinh'; ws.merge_cells('B2:B3')
    ws['C2'] = 'Họ và tên'; ws.merge_cells('C2:C3')
    ws['D2'] = 'Điểm'; ws.merge_cells('D2:E2')
    ws['D3'] = 'GK'; ws['E3'] = 'CK'
    rows = [
        (1, '0012345678', 'Nguyễn Thị Mây', 7.5, 8),
        (2, 'HS0002', 'Trần Văn Gió', 7.4999999999999991, 9.9),
        (3, 'HS0003', 'Lê Hoàng Sương', 0.30000000000000004, 10),
    ]
    for r, row in enumerate(rows, start=4):
        for c, value in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=value)
    ws['F4'] = True
    ws['G4'] = datetime.date(2013, 3, 15)
    ws['G4'].number_format = 'dd/mm/yyyy'
    ws['H4'] = '=D4+E4'
    ws['C2'].font = Font(bold=True)
    hidden = wb.create_sheet('Danh mục')
    hidden['A1'] = 'Kinh'
    hidden.sheet_state = 'hidden'
    third = wb.create_sheet('Lớp 6A2')
    third['A1'] = 'ma_hs'; third['B1'] = 'ho_ten'
    third['A2'] = 'HS0101'; third['B2'] = 'Phạm Minh Trăng'
    path = os.path.join(HERE, 'openpyxl-basic.xlsx')
    wb.save(path)
    fix_times(path)

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'

def hand_made(name, sheet_xml, shared=None, styles=None, workbook_pr='', prefix='', sheet_target='worksheets/sheet1.xml'):
    """A workbook written part by part with Python's zipfile (deflated), for the cases no
    library writes on demand. `prefix` puts every SpreadsheetML element in a prefixed
    namespace (`x:`), as the .NET Open XML SDK does."""
    p = prefix + ':' if prefix else ''
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    parts = {
        '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '</Types>',
        '_rels/.rels': f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        'xl/workbook.xml': f'<?xml version="1.0" encoding="UTF-8"?><{p}workbook {ns} xmlns:r="{REL}">{workbook_pr.replace("<", "<" + p)}'
            f'<{p}sheets><{p}sheet name="Trang 1" sheetId="1" r:id="rId7"/></{p}sheets></{p}workbook>',
    }
    rels = f'<Relationship Id="rId7" Type="{REL}/worksheet" Target="{sheet_target}"/>'
    if shared is not None:
        rels += f'<Relationship Id="rId8" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        parts['xl/sharedStrings.xml'] = f'<?xml version="1.0" encoding="UTF-8"?><{p}sst {ns}>{shared}</{p}sst>'
    if styles is not None:
        rels += f'<Relationship Id="rId9" Type="{REL}/styles" Target="/xl/styles.xml"/>'
        parts['xl/styles.xml'] = f'<?xml version="1.0" encoding="UTF-8"?><{p}styleSheet {ns}>{styles}</{p}styleSheet>'
    parts['xl/_rels/workbook.xml.rels'] = f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{rels}</Relationships>'
    target = os.path.normpath(os.path.join('xl', sheet_target))
    parts[target] = f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns} xmlns:r="{REL}">{sheet_xml}</{p}worksheet>'
    with zipfile.ZipFile(os.path.join(HERE, name), 'w', zipfile.ZIP_DEFLATED) as z:
        for path, text in parts.items():
            info = zipfile.ZipInfo(path, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode('utf-8'))

def hand_made_all():
    # Rich text runs joined, phonetic runs left out, _xHHHH_ escapes, entities and char refs.
    shared = ('<si><t>Mã học sinh</t></si>'
              '<si><r><rPr><b/></rPr><t>Họ và </t></r><r><t xml:space="preserve">tên</t></r><rPh sb="0" eb="2"><t>ホ</t></rPh><phoneticPr fontId="1"/></si>'
              '<si><t>Dòng 1_x000D__x000A_Dòng 2 &amp; &lt;3&gt; &#x110;&#7841;t _x005F_x0041_</t></si>'
              '<si><t>HS0001</t></si>')
    sheet = ('<sheetData>'
             '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
             '<row r="2"><c r="A2" t="s"><v>3</v></c>'
             '<c r="B2" t="inlineStr"><is><r><t>Ngô </t></r><r><t>Thị Bích</t></r></is></c>'
             '<c r="C2" t="str"><f>CONCATENATE("a","b")</f><v>ab</v></c>'
             '<c r="D2"><f>1+1</f><v>2</v></c>'
             '<c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
             '<c r="F2" t="b"><v>1</v></c>'
             '<c r="G2"><v>7.4999999999999991</v></c>'
             '<c r="H2"><v>8.0000000000000018</v></c>'
             '<c r="I2"><v>7.25</v></c>'
             '<c r="J2"><v>1E-3</v></c>'
             '<c r="K2"/>'
             '</row>'
             # Rows and cells without addresses: row 3 then row 4, cells A, B, C.
             '<row><c t="inlineStr"><is><t>không địa chỉ</t></is></c><c><v>5</v></c></row>'
             '<row><c t="inlineStr"><is><t>x</t></is></c><c/><c><v>6.5</v></c></row>'
             '<row r="7"><c r="C7"><v>0.30000000000000004</v></c></row>'
             '</sheetData>')
    hand_made('hand-cells.xlsx', sheet, shared=shared)
    # The same kind of sheet with every element prefixed x: (Open XML SDK style), the sheet part
    # reached through a relative path with .. and the styles part through an absolute one.
    prefixed = ('<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ma_hs</x:t></x:is></x:c><x:c r="B1" t="s"><x:v>0</x:v></x:c></x:row>'
                '<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>HS0009</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>Đỗ Thu Hà</x:t></x:is></x:c><x:c r="C2" s="1"><x:v>41348</x:v></x:c></x:row></x:sheetData>'
                '<x:mergeCells count="1"><x:mergeCell ref="B1:C1"/></x:mergeCells>')
    styles_x = '<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></x:numFmts><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/></x:cellXfs>'
    hand_made('hand-prefixed.xlsx', prefixed, shared='<x:si><x:t>ho_ten</x:t></x:si>', styles=styles_x, prefix='x',
              sheet_target='../xl/sheets/../worksheets/data.xml')
    # Dates: built-in format 14, a custom one with quoted text and [Red], a time-only format
    # (not a date), the phantom 29 Feb 1900 (serial 60), 28 Feb (59), 1 Mar (61), a fraction,
    # a t="d" cell, a date typed as text.
    styles = ('<numFmts count="3"><numFmt numFmtId="165" formatCode="[Red]&quot;ngày &quot;d&quot; tháng &quot;m"/>'
              '<numFmt numFmtId="166" formatCode="h:mm"/><numFmt numFmtId="167" formatCode="0.0"/></numFmts>'
              '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs>')
    dates = ('<sheetData><row r="1">'
             '<c r="A1" s="1"><v>59</v></c><c r="B1" s="1"><v>60</v></c><c r="C1" s="1"><v>61</v></c>'
             '<c r="D1" s="1"><v>41348.75</v></c><c r="E1" s="2"><v>41348</v></c><c r="F1" s="3"><v>0.5</v></c>'
             '<c r="G1" s="4"><v>7.5</v></c><c r="H1" t="d"><v>2013-03-15T00:00:00</v></c>'
             '<c r="I1" t="inlineStr"><is><t>15/03/2013</t></is></c><c r="J1" s="1"><v>1</v></c></row></sheetData>')
    hand_made('hand-dates-1900.xlsx', dates, styles=styles)
    hand_made('hand-dates-1904.xlsx', dates, styles=styles, workbook_pr='<workbookPr date1904="1"/>')

def soffice():
    """LibreOffice: a UTF-8 CSV class list converted with soffice --headless --convert-to xlsx,
    column B (the ids) imported as text and D (dates of birth) as day/month/year, in the
    Vietnamese locale (1066)."""
    exe = shutil.which('soffice')
    if not exe:
        sys.exit('soffice is not installed (apt-get install libreoffice-calc)')
    folder = tempfile.mkdtemp()
    csv = os.path.join(folder, 'libreoffice-class.csv')
    with open(csv, 'w', encoding='utf-8') as f:
        f.write('STT,Mã học sinh,Họ và tên,Ngày sinh,Giới tính,GK\n'
                '1,0012345678,Nguyễn Thị Mây,15/03/2013,Nữ,7.5\n'
                '2,HS0002,Trần Văn Gió,01/12/2012,Nam,8\n'
                '3,HS0003,"Lê Hoàng, Sương",29/02/2012,Nam,9.9\n')
    subprocess.run([exe, '--headless', f'-env:UserInstallation=file://{folder}/profile', '--infilter=CSV:44,34,76,1,1/1/2/2/3/2/4/4/5/2/6/1,1066',
                    '--convert-to', 'xlsx', '--outdir', HERE, csv], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(folder)

if __name__ == '__main__':
    openpyxl_basic()
    hand_made_all()
    if '--soffice' in sys.argv:
        soffice()
    print('done')
