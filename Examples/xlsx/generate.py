#!/usr/bin/env python3
"""Writes the example workbooks of Examples/xlsx/ from the example school's CSV files (openpyxl).

    pip install openpyxl && python3 Examples/xlsx/generate.py

Every name comes from Examples/truong-thcs-song-may/ (made up by Examples/generate.py); none is
a real person's. The layouts of the "CSDL ngành" and "vnEdu" files are reconstructions from
public descriptions of those exports, to be checked against a school's real file (docs/spreadsheets.md).
"""
import csv, datetime, glob, os, random, re, zipfile
import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

HERE = os.path.dirname(os.path.abspath(__file__))
SCHOOL = os.path.join(HERE, '..', 'truong-thcs-song-may')
STAMP = (2024, 9, 5, 7, 0, 0)
R = random.Random(20240905)


def fix_times(path):
    # Fixed ZIP time stamps and metadata dates, so that a rerun gives the same bytes.
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            info.date_time = STAMP
            if info.filename == 'docProps/core.xml':   # openpyxl stamps "now" as the modified time
                data = re.sub(rb'(<dcterms:modified[^>]*>)[^<]*', rb'\g<1>2024-09-05T07:00:00Z', data)
            z.writestr(info, data, zipfile.ZIP_DEFLATED)

def save(wb, name):
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 9, 5, 7, 0, 0)
    path = os.path.join(HERE, name)
    wb.save(path)
    fix_times(path)

def dmy(text):
    d, m, y = (int(x) for x in text.split('/'))
    return datetime.date(y, m, d)

classes = sorted(glob.glob(os.path.join(SCHOOL, 'hoc-sinh', '*.csv')))

# The students `sodiem demo` moves to another class (HS0007, 6A1 → 6A2) or transfers to another
# school (HS0036) at term II (Sources/SodiemExampleSchool/ExampleCases.swift) are left out, so
# the demo's dry runs of these workbooks find every student as the demo left them. An import
# only adds and updates, so a list without them is a list the demo's school agrees with.
# (DemoTryListTests runs those lines and fails if the demo's cases change without this list.)
LEFT_THE_CLASS = {'HS0007', 'HS0036'}

def rows(path):
    with open(path, encoding='utf-8-sig', newline='') as f:
        text = f.read()
    first = text.split('\n', 1)[0]
    separator = ';' if first.count(';') > first.count(',') else ','   # the example files use both, as schools do
    table = [row for row in csv.reader(text.splitlines(), delimiter=separator) if row]
    return table[:1] + [row for row in table[1:] if row[0] not in LEFT_THE_CLASS]

# 1. The example school's class lists as one workbook, a sheet per class (the xlsx version of
#    hoc-sinh/*.csv): dates of birth as real dates, ids as text.
wb = openpyxl.Workbook()
wb.remove(wb.active)
for path in classes:
    name = os.path.splitext(os.path.basename(path))[0]
    ws = wb.create_sheet(name)
    table = rows(path)
    for r, row in enumerate(table, start=1):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if r > 1 and table[0][c - 1] == 'Ngày sinh' and value:
                cell.value = dmy(value); cell.number_format = 'dd/mm/yyyy'
            else:
                cell.value = value; cell.number_format = '@'
    for c in range(1, len(table[0]) + 1):
        ws.cell(1, c).font = Font(bold=True)
    ws.freeze_panes = 'A2'
save(wb, 'hoc-sinh-truong.xlsx')

# 2. Shaped like the Ministry's sector database (CSDL ngành) student export: the data in the
#    first sheet under title rows, headers with line breaks and codes of its own, lookup sheets.
first = rows(classes[0])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'DanhSachHocSinh'
ws['A1'] = 'DANH SÁCH HỌC SINH'; ws.merge_cells('A1:I1')
ws['A2'] = 'Trường: THCS Sông Mây — Năm học: 2024-2025'; ws.merge_cells('A2:I2')
header = ['STT', 'Mã định danh\nBộ GD&ĐT', 'Họ và tên\nhọc sinh', 'Ngày sinh\n(dd/mm/yyyy)', 'Giới tính', 'Dân tộc', 'Khối', 'Lớp', 'Trạng thái\nhọc sinh']
for c, name in enumerate(header, start=1):
    cell = ws.cell(4, c, name)
    cell.font = Font(bold=True); cell.alignment = Alignment(wrap_text=True)
for i, row in enumerate(first[1:], start=1):
    values = [i, row[0], row[1], dmy(row[2]), row[3], row[4], 6, '6A1', 'Đang học']
    for c, value in enumerate(values, start=1):
        ws.cell(4 + i, c, value)
    ws.cell(4 + i, 4).number_format = 'dd/mm/yyyy'
    ws.cell(4 + i, 2).number_format = '@'
lookup = wb.create_sheet('DM_DanToc')
for r, name in enumerate(['Kinh', 'Tày', 'Mường', 'Thái', 'Nùng', 'Hmông', 'Dao'], start=1):
    lookup.cell(r, 1, r); lookup.cell(r, 2, name)
status = wb.create_sheet('DM_TrangThai')
for r, name in enumerate(['Đang học', 'Chuyển đi', 'Thôi học'], start=1):
    status.cell(r, 1, name)
save(wb, 'csdl-nganh-6A1.xlsx')

# 3. Shaped like a vnEdu-style grade summary: a sheet per class, a two-row merged header
#    (STT, Mã học sinh, Số định danh cá nhân, Họ và tên, Ngày sinh, then the subjects with
#    ĐGtx/GK/CK under each, then the results).
wb = openpyxl.Workbook()
wb.remove(wb.active)
for path in classes[:2]:
    name = os.path.splitext(os.path.basename(path))[0]
    table = rows(path)
    ws = wb.create_sheet(name)
    ws['A1'] = f'BẢNG TỔNG HỢP KẾT QUẢ HỌC KỲ I — LỚP {name}'; ws.merge_cells('A1:N1')
    fixed = ['STT', 'Mã học sinh', 'Số định danh cá nhân', 'Họ và tên', 'Ngày sinh']
    for c, text in enumerate(fixed, start=1):
        ws.cell(2, c, text)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    col = len(fixed) + 1
    for subject in ['Toán', 'Ngữ văn']:
        ws.cell(2, col, subject)
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 2)
        for k, part in enumerate(['ĐGtx1', 'GK', 'CK']):
            ws.cell(3, col + k, part)
        col += 3
    for text in ['Học tập', 'Rèn luyện', 'Danh hiệu']:
        ws.cell(2, col, text)
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        col += 1
    for i, row in enumerate(table[1:], start=1):
        r = 3 + i
        identity = f'0{R.randrange(10**10, 10**11)}'  # 12 digits with a leading zero: made up
        values = [i, row[0], identity, row[1], dmy(row[2])]
        values += [R.randrange(50, 100) / 10 for _ in range(6)]
        values += [R.choice(['Tốt', 'Khá', 'Đạt']), R.choice(['Tốt', 'Khá']), '']
        for c, value in enumerate(values, start=1):
            ws.cell(r, c, value)
        ws.cell(r, 3).number_format = '@'
        ws.cell(r, 5).number_format = 'dd/mm/yyyy'
        for c in range(6, 12):
            ws.cell(r, c).number_format = '0.0'
save(wb, 'vnedu-tong-hop-hk1.xlsx')

# 4. The example school's teaching assignments (the xlsx version of phan-cong.csv) for
#    `assign --file`: Vietnamese headers, the classes in the school's compact notation.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Phân công'
assignments = rows(os.path.join(SCHOOL, 'phan-cong.csv'))
ws.append(['Môn', 'Lớp', 'Người vào điểm', 'Người chủ trì'] + (['Phân môn'] if len(assignments[0]) > 4 else []))
for row in assignments[1:]:
    ws.append(row)
for c in range(1, ws.max_column + 1):
    ws.cell(1, c).font = Font(bold=True)
ws.freeze_panes = 'A2'
save(wb, 'phan-cong.xlsx')
print('done')
