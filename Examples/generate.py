#!/usr/bin/env python3
"""Writes the made-up example school of Examples/truong-thcs-song-may/ (deterministic).

Every name is invented from common Vietnamese name parts; none is a real person's.
Run again to regenerate: python3 Examples/generate.py
"""
import csv, os, random

R = random.Random(20240905)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "truong-thcs-song-may")
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao", "Lương", "Tạ", "Đoàn", "Âu", "Ông"]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quốc", "Gia", "Hữu", "Thành", "Công", "Xuân", "Tiến", "Đình", "Trọng"]
MIDDLE_F = ["Thị", "Thu", "Khánh", "Bảo", "Minh", "Thanh", "Hải", "Phương", "Mỹ", "Diệu", "Hồng", "Kim"]
GIVEN_M = ["An", "Anh", "Ánh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng",
           "Huy", "Hưng", "Khang", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Mạnh", "Minh", "Nam", "Nghĩa", "Nhân", "Phát",
           "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thái", "Thắng", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn", "Việt", "Vinh", "Ân"]
GIVEN_F = ["An", "Anh", "Ánh", "Ân", "Chi", "Dung", "Diệp", "Giao", "Hà", "Hạnh", "Hiền", "Hoa", "Hồng", "Khuê", "Lan",
           "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo",
           "Thư", "Trang", "Trâm", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Đào", "Ly", "Mận"]
JOBS = ["Làm ruộng", "Công nhân", "Buôn bán", "Giáo viên", "Lái xe", "Kinh doanh", "Nội trợ", "Thợ may", "Kĩ sư", "Y tá"]
VILLAGES = ["thôn Đông", "thôn Đoài", "thôn Thượng", "thôn Hạ", "xóm Bến", "xóm Chùa"]
# Real teachers are named in the school's plan: never reuse them (checked below).
FORBIDDEN_GIVEN = {"Hái", "Ngọc"}

def person(male):
    given = R.choice(GIVEN_M if male else GIVEN_F)
    assert given not in FORBIDDEN_GIVEN
    return f"{R.choice(FAMILY)} {R.choice(MIDDLE_M if male else MIDDLE_F)} {given}"

CLASSES = [f"{g}A{n}" for g, count in ((6, 5), (7, 6), (8, 5), (9, 4)) for n in range(1, count + 1)]

def write(path, header, rows, excel=False):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    # Excel in a Vietnamese locale saves UTF-8 with a BOM, ';' and CRLF.
    with open(full, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
        w.writerow(header)
        w.writerows(rows)

def main():
    write("truong.csv", ["muc", "gia_tri"], [
        ["ten_truong", "Trường THCS Sông Mây"], ["xa_phuong", "Xã Sông Mây"], ["quan_huyen", "Huyện Lục Yên"],
        ["tinh_thanh", "Thành phố Hải Phòng"], ["nam_hoc", "2024-2025"],
        ["hoc_ki_1", "2024-09-05:2025-01-11"], ["hoc_ki_2", "2025-01-13:2025-05-24"],
        ["kiem_tra_gk1", "2024-11-04"], ["kiem_tra_ck1", "2024-12-23"],
        ["kiem_tra_gk2", "2025-03-17"], ["kiem_tra_ck2", "2025-05-05"],
    ])
    accounts = [["qt.son", "Đào Minh Sơn", "admin", ""], ["qt.hien", "Lò Thu Hiền", "admin,teacher", ""],
                ["ht.phuc", "Vương Đình Phúc", "principal,teacher", ""], ["pht.nga", "Kiều Thị Nga", "vice-principal,teacher", ""],
                ["pht.khoa", "Hà Đăng Khoa", "vice-principal,teacher", ""], ["cron", "Lịch tự động", "system", ""]]
    used = set()
    teachers = []
    for i in range(44):
        male = i % 3 == 0
        while True:
            name = person(male)
            if name not in used:
                break
        used.add(name)
        parts = name.split()
        from unicodedata import normalize, combining
        plain = "".join(c for c in normalize("NFD", parts[-1].lower()) if not combining(c)).replace("đ", "d")
        tid = f"gv.{plain}{i + 1:02d}"
        teachers.append(tid)
        accounts.append([tid, name, "teacher", f"{tid.replace('.', '')}@songmay.edu.vn"])
    write("tai-khoan.csv", ["ma", "ho_ten", "vai_tro", "email"], [[a, n, r, e] for a, n, r, e in accounts])
    homerooms = dict(zip(CLASSES, teachers[:20]))
    write("lop.csv", ["lop", "khoi", "gvcn"], [[c, c[0], homerooms[c]] for c in CLASSES])
    # Teaching assignments in the school's compact notation, a few teachers per subject.
    groups = {6: "6A12345", 7: "7A123456", 8: "8A12345", 9: "9A1234"}
    subjects = ["Toán", "Ngữ văn", "Tiếng Anh", "GDCD", "LS-ĐL", "KHTN", "Công nghệ", "Tin học", "GDTC", "Nghệ thuật", "HĐTN", "GDĐP"]
    rows = []
    pool = teachers[:]
    k = 0
    for subject in subjects:
        for grade in (6, 7, 8, 9):
            group = groups[grade]
            halves = [group] if len(group) <= 5 else [group[:5], group[:2] + group[5:]]
            for part in halves:
                enterers = [pool[(k + j) % len(pool)] for j in range(2 if subject in ("KHTN", "LS-ĐL", "Nghệ thuật") else 1)]
                k += 1
                rows.append([subject, part, ",".join(enterers), enterers[0]])
    write("phan-cong.csv", ["mon", "lop", "nguoi_vao_diem", "nguoi_chu_tri"], rows)
    n = 0
    for index, c in enumerate(CLASSES):
        grade = int(c[0])
        birth_year = 2024 - grade - 6
        students = []
        for _ in range(R.randint(38, 42)):
            n += 1
            male = R.random() < 0.5
            name = person(male)
            father, mother = person(True), person(False)
            day, month = R.randint(1, 28), R.randint(1, 12)
            students.append([f"HS{n:04d}", name, f"{day:02d}/{month:02d}/{birth_year}", "Nam" if male else "Nữ",
                             "Kinh" if R.random() < 0.93 else R.choice(["Tày", "Mường", "Nùng"]),
                             "Hải Phòng", "Hải Phòng", f"{R.choice(VILLAGES)}, xã Sông Mây",
                             father, R.choice(JOBS), mother, R.choice(JOBS)])
        header = ["Mã học sinh", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Nơi sinh", "Quê quán",
                  "Nơi ở hiện nay", "Họ tên cha", "Nghề nghiệp cha", "Họ tên mẹ", "Nghề nghiệp mẹ"]
        write(f"hoc-sinh/{c}.csv", header, students, excel=index % 2 == 0)

if __name__ == "__main__":
    main()
